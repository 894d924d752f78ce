import { SearchIcon } from "lucide-react";
import { useId } from "react";
import { DebouncedInput } from "@/components/debounced-input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Switch } from "@/components/ui/switch";
import { isOrgRole, orgRoles, roleLabels } from "@/lib/roles";
import type { MemberCounts, MemberFilters, MemberStatus, SortKey } from "../utils/member-filters";

const statusOptions: { value: MemberStatus | "all"; label: string }[] = [
  { value: "all", label: "All statuses" },
  { value: "active", label: "Active" },
  { value: "invited", label: "Invited" },
  { value: "suspended", label: "Suspended" },
  { value: "removed", label: "Removed" },
];

const sortOptions: { value: SortKey; label: string }[] = [
  { value: "name", label: "Name" },
  { value: "role", label: "Role" },
  { value: "status", label: "Status" },
  { value: "last-active", label: "Last active" },
  { value: "joined", label: "Joined" },
];

type MembersToolbarProps = {
  filters: MemberFilters;
  /** How many match the search and role in each status, shown beside each status. */
  counts: MemberCounts | undefined;
  onChange: (filters: MemberFilters) => void;
};

const countFormat = new Intl.NumberFormat("en");

export function MembersToolbar({ filters, counts, onChange }: MembersToolbarProps) {
  const id = useId();
  const set = (patch: Partial<MemberFilters>) => onChange({ ...filters, ...patch });

  return (
    <div className="grid gap-3 md:flex md:flex-wrap md:items-center">
      <div className="relative md:w-72">
        <Label htmlFor={`${id}-search`} className="sr-only">
          Search by name or email
        </Label>
        <SearchIcon
          aria-hidden
          className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
        />
        <DebouncedInput
          id={`${id}-search`}
          type="search"
          placeholder="Search by name or email"
          value={filters.search}
          onCommit={(search) => set({ search })}
          className="pl-9"
        />
      </div>
      <div className="grid grid-cols-2 gap-2 md:flex">
        <div>
          <Label htmlFor={`${id}-role`} className="sr-only">
            Role
          </Label>
          <NativeSelect
            id={`${id}-role`}
            value={filters.role}
            onChange={(event) => {
              const role = event.target.value;
              set({ role: isOrgRole(role) ? role : "all" });
            }}
          >
            <option value="all">All roles</option>
            {orgRoles.map((role) => (
              <option key={role} value={role}>
                {roleLabels[role]}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div>
          <Label htmlFor={`${id}-status`} className="sr-only">
            Status
          </Label>
          <NativeSelect
            id={`${id}-status`}
            value={filters.status}
            onChange={(event) => {
              const status = statusOptions.find((option) => option.value === event.target.value);
              set({ status: status?.value ?? "all" });
            }}
          >
            {statusOptions
              .filter((option) => option.value !== "removed" || filters.showRemoved)
              .map((option) => (
                <option key={option.value} value={option.value}>
                  {counts && option.value !== "all"
                    ? `${option.label} (${countFormat.format(counts[option.value])})`
                    : option.label}
                </option>
              ))}
          </NativeSelect>
        </div>
        <div className="col-span-2">
          <Label htmlFor={`${id}-sort`} className="sr-only">
            Sort by
          </Label>
          <NativeSelect
            id={`${id}-sort`}
            value={filters.sort}
            onChange={(event) => {
              const sort = sortOptions.find((option) => option.value === event.target.value);
              set({ sort: sort?.value ?? "name" });
            }}
          >
            {sortOptions.map((option) => (
              <option key={option.value} value={option.value}>
                Sort: {option.label}
              </option>
            ))}
          </NativeSelect>
        </div>
      </div>
      <div className="flex items-center gap-2 md:ml-auto">
        <Switch
          id={`${id}-removed`}
          checked={filters.showRemoved}
          onCheckedChange={(showRemoved) =>
            set(
              showRemoved || filters.status !== "removed"
                ? { showRemoved }
                : { showRemoved, status: "all" },
            )
          }
        />
        <Label htmlFor={`${id}-removed`}>Show removed</Label>
      </div>
    </div>
  );
}
