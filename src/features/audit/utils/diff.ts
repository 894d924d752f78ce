import { isOrgRole, roleLabels } from "@/lib/roles";

export type DiffRow = { field: string; before: string; after: string; changed: boolean };

function fields(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** A value as a person reads it: roles by name, lists joined, nothing as an em dash. */
export function readable(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (isOrgRole(value)) return roleLabels[value];
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.map(readable).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

const label = (key: string) => {
  const words = key.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** Before and after side by side, field by field, in the order the event lists them. */
export function diffFields(before: unknown, after: unknown): DiffRow[] {
  const old = fields(before);
  const now = fields(after);
  const keys = [...new Set([...Object.keys(old), ...Object.keys(now)])];
  return keys.map((key) => ({
    field: label(key),
    before: key in old ? readable(old[key]) : "—",
    after: key in now ? readable(now[key]) : "—",
    changed: JSON.stringify(old[key]) !== JSON.stringify(now[key]),
  }));
}

type EventValues = { action: string; before: unknown; after: unknown };

/**
 * The event's changes as a reader wants them. Support recovery stores user ids and the new
 * owner's former role and status; show who owned the organization before and after, by name.
 */
export function diffEvent(event: EventValues): DiffRow[] {
  if (event.action !== "support.access_restored") return diffFields(event.before, event.after);
  const old = fields(event.before);
  const now = fields(event.after);
  return diffFields(
    {
      owner: old.owner_name ?? old.owner ?? null,
      their_role: old.target_role ?? null,
      their_status: old.target_status ?? null,
    },
    {
      owner: now.owner_name ?? now.owner,
      their_role: "owner",
      their_status: "active",
      ticket: now.ticket,
    },
  );
}
