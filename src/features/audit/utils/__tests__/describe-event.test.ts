import { describe, expect, it } from "vitest";
import type { AuditEvent } from "../../api/get-audit-events";
import { describeEvent, type NameOf } from "../describe-event";
import { diffEvent } from "../diff";

const names: Record<string, string> = { daniel: "Daniel Cho", priya: "Priya Raman" };
const nameOf: NameOf = (userId, email) => (userId && names[userId]) || email || "Someone";

function event(fields: Partial<AuditEvent>): AuditEvent {
  return {
    id: 1,
    occurredAt: "2026-03-10T12:00:00.123456+00:00",
    actorKind: "user",
    actorId: "daniel",
    actorEmail: "daniel@tehrandental.co",
    actorName: null,
    action: "member.role_changed",
    targetUserId: "priya",
    targetEmail: "priya@tehrandental.co",
    targetName: null,
    targetInvitationId: null,
    reason: null,
    before: null,
    after: null,
    ip: null,
    userAgent: null,
    ...fields,
  };
}

describe("describeEvent", () => {
  it.each([
    [
      { before: { role: "member" }, after: { role: "admin" } },
      "Daniel Cho changed Priya Raman's role from Member to Admin",
    ],
    [
      { targetUserId: "someone-hidden", before: { role: "viewer" }, after: { role: "member" } },
      "Daniel Cho changed priya@tehrandental.co's role from Viewer to Member",
    ],
    [{ action: "member.removed" }, "Daniel Cho removed Priya Raman"],
    [
      { action: "org.updated", after: { legal_name: "X", description: "Y" } },
      "Daniel Cho updated the organization's legal name and description",
    ],
    [
      { action: "ownership.transfer_cancelled", actorKind: "system", actorId: null },
      "The ownership transfer to Priya Raman was cancelled automatically",
    ],
    [
      { action: "audit.exported", after: { format: "jsonl", row_count: 17 } },
      "Daniel Cho exported the audit log as JSON Lines (17 events)",
    ],
    [
      { action: "permissions.updated", after: { role: "viewer", granted: [], revoked: [] } },
      "Daniel Cho changed the permissions of the Viewer role",
    ],
    [
      { action: "support.access_restored", actorKind: "support", actorEmail: "ops@roster.dev" },
      "Support (ops@roster.dev) made Priya Raman the owner",
    ],
    [
      {
        action: "support.access_restored",
        actorKind: "support",
        actorEmail: "Sam",
        before: { owner: "amelia-id", owner_name: "Amelia Tehrani" },
        after: { owner: "priya", owner_name: "Priya Raman" },
      },
      "Support (Sam) made Priya Raman the owner; the previous owner, Amelia Tehrani, is now an Admin",
    ],
    [
      // names as they were when it happened, for readers who cannot see profiles
      {
        action: "member.suspended",
        actorId: "hidden-1",
        actorName: "Dan Cho",
        targetUserId: "hidden-2",
        targetName: "Priya R.",
      },
      "Dan Cho suspended Priya R.",
    ],
    // an app's own action (docs/adopting.md), whatever the app names it
    [{ action: "billing.plan_changed" }, "Daniel Cho: Billing · plan changed"],
    [{ action: "ai_drafts.approved" }, "Daniel Cho: Ai drafts · approved"],
    [{ action: "unparsed" }, "Daniel Cho: unparsed"],
  ] as const)("%j → %s", (fields, sentence) => {
    expect(describeEvent(event(fields), nameOf)).toBe(sentence);
  });
});

describe("diffEvent", () => {
  it("shows support recovery as owners by name, not user ids", () => {
    const rows = diffEvent({
      action: "support.access_restored",
      before: {
        owner: "amelia-id",
        owner_name: "Amelia Tehrani",
        target_role: "admin",
        target_status: "active",
      },
      after: {
        owner: "priya-id",
        owner_name: "Priya Raman",
        previous_owner_role: "admin",
        ticket: "T-1",
      },
    });
    expect(rows.map(({ field, before, after }) => `${field}: ${before} → ${after}`)).toEqual([
      "Owner: Amelia Tehrani → Priya Raman",
      "Their role: Admin → Owner",
      "Their status: active → active",
      "Ticket: — → T-1",
    ]);
  });
});
