import { CheckIcon, XIcon } from "lucide-react";
import { useId } from "react";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import {
  assignableRoles,
  isOrgRole,
  orgRoles,
  type OrgRole,
  roleLabels,
  roleWithArticle,
} from "@/lib/roles";
import type { Area } from "../utils/areas";
import { previewPages } from "../utils/role-preview";

type RolePreviewProps = {
  areas: Area[];
  role: OrgRole;
  granted: ReadonlySet<string>;
  /** The previewed permissions include changes that are not saved yet. */
  unsaved: boolean;
  onRoleChange: (role: OrgRole) => void;
};

function Allowed({ allowed, children }: { allowed: boolean; children: string }) {
  const Icon = allowed ? CheckIcon : XIcon;
  return (
    <li className={allowed ? "flex gap-2" : "flex gap-2 text-muted-foreground"}>
      <Icon
        aria-hidden
        className={allowed ? "mt-0.5 size-4 shrink-0 text-emerald-600" : "mt-0.5 size-4 shrink-0"}
      />
      <span>
        {children}
        <span className="sr-only">{allowed ? " (allowed)" : " (not allowed)"}</span>
      </span>
    </li>
  );
}

/** What someone with `role` would see and be able to do in this app, from the live matrix. */
export function RolePreview({ areas, role, granted, unsaved, onRoleChange }: RolePreviewProps) {
  const id = useId();
  const pages = previewPages(granted);
  const manages = granted.has("members.manage") ? assignableRoles(role) : [];

  return (
    <section aria-labelledby={`${id}-title`} className="grid gap-4 rounded-lg border bg-card p-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="grid gap-1">
          <h2 id={`${id}-title`} className="text-lg font-semibold">
            Role preview
          </h2>
          <p className="text-sm text-muted-foreground">
            {unsaved
              ? "Including your unsaved changes."
              : "What this role sees and can do in the app."}
          </p>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor={`${id}-role`}>Preview role</Label>
          <NativeSelect
            id={`${id}-role`}
            value={role}
            onChange={(event) => isOrgRole(event.target.value) && onRoleChange(event.target.value)}
          >
            {orgRoles.map((option) => (
              <option key={option} value={option}>
                {roleLabels[option]}
              </option>
            ))}
          </NativeSelect>
        </div>
      </div>
      <div className="grid gap-6 md:grid-cols-[14rem_1fr]">
        <div className="grid content-start gap-2">
          <h3 className="text-sm font-medium">Pages</h3>
          <ul aria-label={`Pages ${roleWithArticle(role)} sees`} className="grid gap-1.5 text-sm">
            {pages.map((page) => (
              <Allowed key={page.label} allowed={page.visible}>
                {page.label}
              </Allowed>
            ))}
          </ul>
          {manages.length > 0 && (
            <p className="text-sm text-muted-foreground">
              Manages only people ranked below them:{" "}
              {manages.map((ranked) => roleLabels[ranked]).join(", ")}.
            </p>
          )}
        </div>
        <div className="grid content-start gap-2">
          <h3 className="text-sm font-medium">Actions</h3>
          <ul
            aria-label={`Actions ${roleWithArticle(role)} can take`}
            className="grid gap-x-6 gap-y-1.5 text-sm sm:grid-cols-2"
          >
            {areas.flatMap((area) =>
              area.permissions.map((permission) => (
                <Allowed key={permission.key} allowed={granted.has(permission.key)}>
                  {permission.description}
                </Allowed>
              )),
            )}
          </ul>
        </div>
      </div>
    </section>
  );
}
