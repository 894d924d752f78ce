import { SearchIcon, SlidersHorizontalIcon } from "lucide-react";
import { useId, useState } from "react";
import { DebouncedInput } from "@/components/debounced-input";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { cn } from "@/lib/utils";
import type { AuditPerson } from "../api/get-audit-people";
import { actionGroups, appActionLabel, groupValue } from "../utils/actions";
import {
  type AuditFilters,
  datePresets,
  hasFilters,
  noFilters,
  presetRange,
} from "../utils/audit-filters";

type AuditToolbarProps = {
  filters: AuditFilters;
  people: AuditPerson[];
  /** Actions apps wrote to this org's log (`<area>.<verb>`), offered after Roster's own. */
  appActions: string[];
  onChange: (patch: Partial<AuditFilters>) => void;
};

export function AuditToolbar({ filters, people, appActions, onChange }: AuditToolbarProps) {
  const id = useId();
  // On a phone the five filters fold behind one button, so the log starts on the first screen.
  const [open, setOpen] = useState(false);
  const active = (["action", "actor", "target", "from", "to"] as const).filter(
    (key) => filters[key] !== "",
  ).length;
  const knownAction =
    filters.action === "" ||
    appActions.includes(filters.action) ||
    actionGroups.some(
      (group) =>
        groupValue(group) === filters.action ||
        group.actions.some(([action]) => action === filters.action),
    );

  return (
    <div className="grid gap-3">
      <div className="relative md:max-w-md">
        <Label htmlFor={`${id}-q`} className="sr-only">
          Search the audit log
        </Label>
        <SearchIcon
          aria-hidden
          className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
        />
        <DebouncedInput
          id={`${id}-q`}
          type="search"
          placeholder="Search emails, actions and reasons"
          className="pl-9"
          value={filters.q}
          onCommit={(q) => onChange({ q })}
        />
      </div>
      <Button
        variant="outline"
        className="justify-self-start md:hidden"
        aria-expanded={open}
        aria-controls={`${id}-filters`}
        onClick={() => setOpen(!open)}
      >
        <SlidersHorizontalIcon aria-hidden />
        {active > 0 ? `Filters (${active})` : "Filters"}
      </Button>
      <div
        id={`${id}-filters`}
        className={cn(
          open ? "grid" : "hidden",
          "gap-3 sm:grid-cols-2 md:grid lg:grid-cols-[repeat(5,minmax(0,1fr))_auto] lg:items-end",
        )}
      >
        <div className="grid gap-1.5">
          <Label htmlFor={`${id}-action`}>Action</Label>
          <NativeSelect
            id={`${id}-action`}
            value={filters.action}
            onChange={(event) => onChange({ action: event.target.value })}
          >
            <option value="">All actions</option>
            {!knownAction && <option value={filters.action}>{filters.action}</option>}
            {actionGroups.map((group) => (
              <optgroup key={group.label} label={group.label}>
                <option value={groupValue(group)}>All {group.label.toLowerCase()} events</option>
                {group.actions.map(([action, label]) => (
                  <option key={action} value={action}>
                    {label}
                  </option>
                ))}
              </optgroup>
            ))}
            {appActions.length > 0 && (
              <optgroup label="App actions">
                {appActions.map((action) => (
                  <option key={action} value={action}>
                    {appActionLabel(action)}
                  </option>
                ))}
              </optgroup>
            )}
          </NativeSelect>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor={`${id}-actor`}>Actor</Label>
          <NativeSelect
            id={`${id}-actor`}
            value={filters.actor}
            onChange={(event) => onChange({ actor: event.target.value })}
          >
            <option value="">Anyone</option>
            {people.map((person) => (
              <option key={person.userId} value={person.userId}>
                {person.name}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor={`${id}-target`}>Target</Label>
          <DebouncedInput
            id={`${id}-target`}
            placeholder="Email or user id"
            value={filters.target}
            onCommit={(target) => onChange({ target })}
          />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor={`${id}-from`}>From</Label>
          <Input
            id={`${id}-from`}
            type="date"
            value={filters.from}
            max={filters.to || undefined}
            onChange={(event) => onChange({ from: event.target.value })}
          />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor={`${id}-to`}>To</Label>
          <Input
            id={`${id}-to`}
            type="date"
            value={filters.to}
            min={filters.from || undefined}
            onChange={(event) => onChange({ to: event.target.value })}
          />
        </div>
        {hasFilters(filters) && (
          <Button variant="ghost" onClick={() => onChange(noFilters)}>
            Clear filters
          </Button>
        )}
        <div
          role="group"
          aria-label="Date range"
          className="flex flex-wrap gap-2 sm:col-span-2 lg:col-span-6"
        >
          {datePresets.map((preset) => {
            const range = presetRange(preset.days);
            return (
              <Button
                key={preset.days}
                variant="outline"
                size="sm"
                aria-pressed={filters.from === range.from && filters.to === range.to}
                className="aria-pressed:bg-accent aria-pressed:text-accent-foreground"
                onClick={() => onChange(range)}
              >
                {preset.label}
              </Button>
            );
          })}
        </div>
      </div>
    </div>
  );
}
