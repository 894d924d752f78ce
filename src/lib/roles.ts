import type { Database } from "@/types/database.types";

export type OrgRole = Database["roster"]["Enums"]["org_role"];

/** Highest first, as the server ranks them (docs/database.md §1). */
export const orgRoles = ["owner", "admin", "member", "viewer"] as const satisfies OrgRole[];

export const roleRank: Record<OrgRole, number> = { owner: 100, admin: 80, member: 50, viewer: 10 };

export const roleLabels: Record<OrgRole, string> = {
  owner: "Owner",
  admin: "Admin",
  member: "Member",
  viewer: "Viewer",
};

export const roleDescriptions: Record<OrgRole, string> = {
  owner: "Everything, including the permission matrix, ownership and deleting the organization.",
  admin: "Manages members, invitations, settings and the audit log.",
  member: "Works with customers, conversations and AI drafts.",
  viewer: "Reads customers and conversations, and the audit log.",
};

/** Roles someone with `role` may assign or invite: strictly below their own, never owner. */
export function assignableRoles(role: OrgRole): OrgRole[] {
  return orgRoles.filter(
    (candidate) => candidate !== "owner" && roleRank[candidate] < roleRank[role],
  );
}

export function isOrgRole(value: unknown): value is OrgRole {
  return typeof value === "string" && (orgRoles as readonly string[]).includes(value);
}

/** "an Admin", "a Viewer". */
export function roleWithArticle(role: OrgRole): string {
  return `${role === "admin" || role === "owner" ? "an" : "a"} ${roleLabels[role]}`;
}
