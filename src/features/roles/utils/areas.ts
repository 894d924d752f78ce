import type { Permission } from "../api/get-permission-matrix";

/** What a role may do in one area, as the matrix shows it. */
export type AccessLevel = "full" | "read" | "none" | "partial";

export const levelLabels: Record<AccessLevel, string> = {
  full: "Full",
  read: "Read only",
  none: "No access",
  partial: "Partial",
};

export type Area = {
  id: string;
  label: string;
  permissions: Permission[];
  /** Every key in the area is reserved for the owner. */
  ownerOnly: boolean;
};

const knownAreas: Record<string, string> = {
  organization: "Organization",
  settings: "Settings",
  members: "Members",
  audit: "Audit log",
  billing: "Billing",
  customers: "Customers",
  conversations: "Conversations",
  messages: "Messages",
  ai_drafts: "AI drafts",
};
const areaOrder = Object.keys(knownAreas);

function areaLabel(area: string): string {
  const words = area.replaceAll("_", " ");
  return knownAreas[area] ?? words.charAt(0).toUpperCase() + words.slice(1);
}

const isRead = (permission: Permission) => permission.key.endsWith(".read");

/** The catalog grouped by area: known areas in a fixed order, areas host apps add after them. */
export function groupByArea(catalog: Permission[]): Area[] {
  const byArea = new Map<string, Permission[]>();
  for (const permission of catalog) {
    byArea.set(permission.area, [...(byArea.get(permission.area) ?? []), permission]);
  }
  const rank = (area: string) => {
    const index = areaOrder.indexOf(area);
    return index === -1 ? areaOrder.length : index;
  };
  return [...byArea.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([id, permissions]) => ({
      id,
      label: areaLabel(id),
      // Reading first: "View members" before "Invite" and "Change roles".
      permissions: permissions.toSorted(
        (a, b) => Number(isRead(b)) - Number(isRead(a)) || a.key.localeCompare(b.key),
      ),
      ownerOnly: permissions.every((permission) => permission.ownerOnly),
    }));
}

/** Full: every key of the area; Read only: exactly its `.read` keys; No access: none of them. */
export function accessLevel(area: Area, granted: ReadonlySet<string>): AccessLevel {
  const held = area.permissions.filter((permission) => granted.has(permission.key));
  if (held.length === 0) return "none";
  if (held.length === area.permissions.length) return "full";
  const reads = area.permissions.filter(isRead);
  if (reads.length > 0 && held.length === reads.length && held.every(isRead)) return "read";
  return "partial";
}

/** The levels an owner can give a non-owner role in `area` (owner-only keys are never granted). */
export function levelChoices(area: Area): AccessLevel[] {
  const grantable = area.permissions.filter((permission) => !permission.ownerOnly);
  if (grantable.length === 0) return [];
  const reads = grantable.filter(isRead);
  return reads.length > 0 && reads.length < grantable.length
    ? ["full", "read", "none"]
    : ["full", "none"];
}

/** `granted` with the area's keys replaced by those `level` stands for. */
export function withLevel(
  area: Area,
  granted: ReadonlySet<string>,
  level: Exclude<AccessLevel, "partial">,
): Set<string> {
  const next = new Set(granted);
  for (const permission of area.permissions) {
    const wanted =
      !permission.ownerOnly && (level === "full" || (level === "read" && isRead(permission)));
    if (wanted) next.add(permission.key);
    else next.delete(permission.key);
  }
  return next;
}

export type AreaChange = {
  area: Area;
  from: AccessLevel;
  to: AccessLevel;
  added: Permission[];
  removed: Permission[];
};

/** What changes, area by area, between two permission sets of one role. */
export function diffByArea(
  areas: Area[],
  before: ReadonlySet<string>,
  after: ReadonlySet<string>,
): AreaChange[] {
  return areas.flatMap((area) => {
    const added = area.permissions.filter((p) => after.has(p.key) && !before.has(p.key));
    const removed = area.permissions.filter((p) => before.has(p.key) && !after.has(p.key));
    if (added.length === 0 && removed.length === 0) return [];
    return [
      { area, from: accessLevel(area, before), to: accessLevel(area, after), added, removed },
    ];
  });
}
