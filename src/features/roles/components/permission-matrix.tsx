import { MoveHorizontalIcon, PencilIcon } from "lucide-react";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";
import { orgRoles, type OrgRole, roleLabels } from "@/lib/roles";
import { cn } from "@/lib/utils";
import {
  type AccessLevel,
  accessLevel,
  type Area,
  levelChoices,
  levelLabels,
  withLevel,
} from "../utils/areas";

export type MatrixEdit = { role: OrgRole; draft: ReadonlySet<string> };

type PermissionMatrixProps = {
  areas: Area[];
  grants: Record<OrgRole, ReadonlySet<string>>;
  /** Roles the viewer may edit; empty for everyone but the owner. */
  editableRoles: OrgRole[];
  edit: MatrixEdit | null;
  /** Edit single permissions instead of whole areas. */
  advanced: boolean;
  onEdit: (edit: MatrixEdit) => void;
};

/** Areas down, roles across, each cell Full / Read only / No access as the server enforces it. */
export function PermissionMatrix({
  areas,
  grants,
  editableRoles,
  edit,
  advanced,
  onEdit,
}: PermissionMatrixProps) {
  const hintId = useId();
  return (
    <div className="grid gap-2">
      {/* Below 36rem the table scrolls: say so, and let the keyboard scroll it too. */}
      <p id={hintId} className="flex items-center gap-1.5 text-xs text-muted-foreground sm:hidden">
        <MoveHorizontalIcon aria-hidden className="size-3.5" />
        Scroll sideways to see every role.
      </p>
      <div
        role="region"
        aria-label="Permission matrix, scrollable"
        aria-describedby={hintId}
        tabIndex={0}
        className="overflow-x-auto rounded-lg border bg-card outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
      >
        <table className="w-full min-w-[36rem] text-sm">
          <caption className="sr-only">Permission matrix</caption>
          <thead className="bg-muted/50 text-left text-xs text-muted-foreground">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                Area
              </th>
              {orgRoles.map((role) => (
                <th
                  key={role}
                  scope="col"
                  className={cn(
                    "px-3 py-2 font-medium",
                    edit?.role === role && "bg-primary/10 text-foreground",
                  )}
                >
                  <span className="flex items-center gap-1">
                    {roleLabels[role]}
                    {editableRoles.includes(role) && !edit && (
                      <Button
                        variant="ghost"
                        size="icon"
                        className="size-7"
                        aria-label={`Edit ${roleLabels[role]} permissions`}
                        onClick={() => onEdit({ role, draft: grants[role] })}
                      >
                        <PencilIcon aria-hidden className="size-3.5" />
                      </Button>
                    )}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {areas.map((area) => (
              <tr key={area.id} className="border-t align-top">
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  <span className="font-medium">{area.label}</span>
                  <span className="block text-xs text-muted-foreground">
                    {area.permissions.map((permission) => permission.description).join(" · ")}
                  </span>
                </th>
                {orgRoles.map((role) => (
                  <td key={role} className={cn("px-3 py-2", edit?.role === role && "bg-primary/5")}>
                    {edit?.role === role ? (
                      advanced ? (
                        <PermissionChecks
                          area={area}
                          role={role}
                          draft={edit.draft}
                          onChange={(draft) => onEdit({ role, draft })}
                        />
                      ) : (
                        <LevelPicker
                          area={area}
                          role={role}
                          draft={edit.draft}
                          onChange={(draft) => onEdit({ role, draft })}
                        />
                      )
                    ) : (
                      <LevelCell area={area} granted={grants[role]} />
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function LevelCell({ area, granted }: { area: Area; granted: ReadonlySet<string> }) {
  const level = accessLevel(area, granted);
  const held = area.permissions.filter((permission) => granted.has(permission.key));
  return (
    <span className="grid gap-1">
      <AccessLevelText level={level} />
      {level === "partial" && (
        <span className="text-xs text-muted-foreground">
          {held.map((permission) => permission.description).join(", ")}
        </span>
      )}
    </span>
  );
}

const levelClasses: Record<AccessLevel, string> = {
  full: "bg-emerald-600/12 text-emerald-800 dark:bg-emerald-400/15 dark:text-emerald-300",
  read: "bg-primary/12 text-primary dark:bg-primary/20",
  none: "bg-secondary text-muted-foreground",
  partial: "bg-amber-500/15 text-amber-800 dark:bg-amber-400/15 dark:text-amber-300",
};

export function AccessLevelText({ level }: { level: AccessLevel }) {
  return (
    <span
      data-level={level}
      className={cn(
        "inline-flex w-fit rounded-md px-2 py-0.5 text-xs font-medium whitespace-nowrap",
        levelClasses[level],
      )}
    >
      {levelLabels[level]}
    </span>
  );
}

type LevelPickerProps = {
  area: Area;
  role: OrgRole;
  draft: ReadonlySet<string>;
  onChange: (draft: Set<string>) => void;
};

function LevelPicker({ area, role, draft, onChange }: LevelPickerProps) {
  const choices = levelChoices(area);
  if (choices.length === 0) {
    return <span className="text-xs text-muted-foreground">Owner only</span>;
  }
  const current = accessLevel(area, draft);
  return (
    <NativeSelect
      aria-label={`${roleLabels[role]}: ${area.label}`}
      className="min-w-32"
      value={current}
      onChange={(event) => {
        const level = choices.find((choice) => choice === event.target.value);
        if (level && level !== "partial") onChange(withLevel(area, draft, level));
      }}
    >
      {choices.map((choice) => (
        <option key={choice} value={choice}>
          {levelLabels[choice]}
        </option>
      ))}
      {current === "partial" && <option value="partial">{levelLabels.partial} (as now)</option>}
    </NativeSelect>
  );
}

/** One checkbox per permission the owner may grant: "admins may invite but not change roles". */
function PermissionChecks({ area, role, draft, onChange }: LevelPickerProps) {
  const grantable = area.permissions.filter((permission) => !permission.ownerOnly);
  if (grantable.length === 0) {
    return <span className="text-xs text-muted-foreground">Owner only</span>;
  }
  return (
    <fieldset className="grid gap-1.5">
      <legend className="sr-only">
        {roleLabels[role]}: {area.label}
      </legend>
      {grantable.map((permission) => (
        <label key={permission.key} className="flex items-start gap-2 text-xs">
          <input
            type="checkbox"
            className="mt-0.5 size-3.5 shrink-0 accent-primary"
            checked={draft.has(permission.key)}
            onChange={(event) => {
              const next = new Set(draft);
              if (event.target.checked) next.add(permission.key);
              else next.delete(permission.key);
              onChange(next);
            }}
          />
          {permission.description}
        </label>
      ))}
    </fieldset>
  );
}
