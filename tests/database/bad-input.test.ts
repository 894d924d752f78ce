// Bad input to every RPC (docs/database.md §5), generated as a table: every RPC × every parameter
// × a family of hostile values (nulls, blanks, 10,000-character strings, malformed and mixed-case
// emails, unicode, invalid UUIDs, SQL metacharacters, oversized arrays, arrays with nulls). Each
// call must be refused with the documented hint and SQLSTATE (never a 500-class or internal
// error) and leave every row as it was.
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  closePools,
  createUser,
  refusal,
  rpc,
  ownerPool,
  type Actor,
  type TestUser,
  sqlstateOfHint,
} from "../support/db.ts";
import {
  addMember,
  createOrg,
  createOrgFixture,
  orgStateSnapshot,
  type OrgFixture,
} from "../support/org.ts";

afterAll(closePools);

// The only SQLSTATEs our functions may answer bad input with (all map to HTTP 4xx in PostgREST).
const ALLOWED_SQLSTATES = ["42501", "PT404", "23505", "22023", "P0001"];

const LONG = "x".repeat(10_000);
const SQL_META = [
  "'; drop table roster.memberships; --",
  "x' or '1'='1",
  "\\'); select pg_sleep(5); --",
  '"; delete from auth.users; --',
  "$$; truncate roster.audit_events; $$",
  "%_\\\\%",
];
const UNICODE = [
  "🦄🔥",
  "\u202Eevil\u202C",
  "\u200B",
  "Ωmega ünïcödé",
  "\u0645\u0631\u062D\u0628\u0627",
];

// An expected refusal hint, or 'noop': the call succeeds and changes nothing (null = unchanged).
type Outcome = string;
type Case = [label: string, value: unknown, outcome: Outcome];

const hostileText = (outcome: Outcome): Case[] => [
  ...SQL_META.map((value, i): Case => [`sql metacharacters #${i + 1}`, value, outcome]),
  ...UNICODE.map((value, i): Case => [`unicode #${i + 1}`, value, outcome]),
  ["10,000 characters", LONG, outcome],
];

const uuidCases = (unknown: Outcome = "not_found"): Case[] => [
  ["null", null, "invalid_input"],
  ["empty", "", "invalid_input"],
  ["blank", "   ", "invalid_input"],
  ["not a uuid", "not-a-uuid", "invalid_input"],
  ["uuid without hyphens", randomUUID().replaceAll("-", ""), "invalid_input"],
  ["uuid in braces", `{${randomUUID()}}`, "invalid_input"],
  ["uuid with a trailing zero-width space", `${randomUUID()}\u200B`, "invalid_input"],
  ["uuid with a trailing character", `${randomUUID()}0`, "invalid_input"],
  ["nil-like garbage", "00000000-0000-0000-0000-00000000000g", "invalid_input"],
  ...hostileText("invalid_input"),
  ["unknown id", randomUUID(), unknown],
];

const roleCases: Case[] = [
  ["null", null, "invalid_input"],
  ["empty", "", "invalid_input"],
  ["blank", "  ", "invalid_input"],
  ["unknown role", "superuser", "invalid_input"],
  ["plural", "admins", "invalid_input"],
  ["role with a zero-width space", "viewer\u200B", "invalid_input"],
  ...hostileText("invalid_input"),
];

const reasonCases: Case[] = [
  ["null", null, "reason_required"],
  ["empty", "", "reason_required"],
  ["blank", "   ", "reason_required"],
  ["tabs and newlines", "\t\n\r ", "reason_required"],
  ["501 characters", "r".repeat(501), "invalid_input"],
  ["10,000 characters", LONG, "invalid_input"],
];

const tokenCases: Case[] = [
  ["null", null, "invalid_token"],
  ["empty", "", "invalid_token"],
  ["blank", " ".repeat(43), "invalid_token"],
  ["42 characters", "A".repeat(42), "invalid_token"],
  ["44 characters", "A".repeat(44), "invalid_token"],
  ["standard base64 alphabet", "+/".repeat(21) + "A", "invalid_token"],
  ["padded", "A".repeat(42) + "=", "invalid_token"],
  ["unknown well-formed token", randomBytes(32).toString("base64url"), "invalid_token"],
  ["43 emoji", "🦄".repeat(43), "invalid_token"],
  ...hostileText("invalid_token"),
];

const requiredTextCases = (max: number): Case[] => [
  ["null", null, "invalid_input"],
  ["empty", "", "invalid_input"],
  ["blank", " \t\n ", "invalid_input"],
  [`${max + 1} characters`, "n".repeat(max + 1), "invalid_input"],
  ["10,000 characters", LONG, "invalid_input"],
];

const optionalTextCases = (max: number): Case[] => [
  [`${max + 1} characters`, "d".repeat(max + 1), "invalid_input"],
  ["10,000 characters", LONG, "invalid_input"],
];

const confirmCases: Case[] = [
  ["null", null, "confirmation_mismatch"],
  ["empty", "", "confirmation_mismatch"],
  ["blank", "   ", "confirmation_mismatch"],
  ...hostileText("confirmation_mismatch"),
];

const malformedEmails = [
  "not-an-email",
  "a@b",
  "a@@example.com",
  "a b@example.com",
  ".lead@example.com",
  "double..dot@example.com",
  "dot.@example.com",
  "a@-example.com",
  "<script>@example.com",
  "ünïcode@example.com",
  "🦄@example.com",
  "zero\u200Bwidth@example.com",
  "rtl\u202E@example.com",
  `${"l".repeat(65)}@example.com`,
  `a@${"d".repeat(250)}.com`,
  "x'; drop table roster.invitations; --@example.com",
  'quote"@example.com',
  "back\\slash@example.com",
];
const validEmail = () => `bad-input-${randomUUID().slice(0, 8)}@Example.COM`;

const emailArrayCases: Case[] = [
  ["null array", null, "invalid_input"],
  ["empty array", [], "invalid_input"],
  ["array of one null", [null], "invalid_input"],
  ["valid email then null", [validEmail(), null], "invalid_input"],
  ["empty string", [""], "invalid_input"],
  ["blank string", ["   "], "invalid_input"],
  ["10,000-character email", [LONG], "invalid_input"],
  ["51 emails", Array.from({ length: 51 }, () => validEmail()), "invalid_input"],
  ["1,000 emails", Array.from({ length: 1000 }, () => validEmail()), "invalid_input"],
  ["1,000 identical emails", Array(1000).fill(validEmail()), "invalid_input"],
  ...malformedEmails.map((email): Case => [
    `malformed: ${email.slice(0, 40)}`,
    [email],
    "invalid_input",
  ]),
  [
    "valid emails with one malformed last",
    [validEmail(), validEmail(), "broken@"],
    "invalid_input",
  ],
];

const singleEmailCases: Case[] = [
  ["null", null, "invalid_input"],
  ["empty", "", "invalid_input"],
  ["10,000 characters", LONG, "invalid_input"],
  ...malformedEmails.map((email): Case => [
    `malformed: ${email.slice(0, 40)}`,
    email,
    "invalid_input",
  ]),
  ["unknown address (mixed case)", `Nobody-${randomUUID().slice(0, 8)}@Example.COM`, "not_found"],
];

const permissionArrayCases: Case[] = [
  ["null array", null, "invalid_input"],
  ["array of one null", [null], "invalid_input"],
  ["valid key then null", ["customers.read", null], "invalid_input"],
  ["unknown key", ["customers.delete"], "invalid_input"],
  ["upper-case key", ["CUSTOMERS.READ"], "invalid_input"],
  ["key with a zero-width space", ["customers.read\u200B"], "invalid_input"],
  ["key with spaces", [" customers.read "], "invalid_input"],
  ["empty key", [""], "invalid_input"],
  ["10,000-character key", [LONG], "invalid_input"],
  ...SQL_META.map((value, i): Case => [`sql metacharacters #${i + 1}`, [value], "invalid_input"]),
  ["201 keys", Array(201).fill("customers.read"), "invalid_input"],
  ["1,000 keys", Array(1000).fill("customers.read"), "invalid_input"],
  ["an owner-only key", ["customers.read", "permissions.manage"], "forbidden"],
];

interface Spec {
  name: string;
  actor: (f: Fixture) => Actor;
  base: (f: Fixture) => Record<string, unknown>;
  params: Record<string, Case[]>;
}

interface Fixture extends OrgFixture {
  invitee: TestUser;
  invitationId: string;
}

const service = (): Actor => ({ role: "service_role" });

const specs: Spec[] = [
  {
    name: "create_organization",
    actor: (f) => f.outsider.actor,
    base: () => ({ p_name: "Valid Name", p_slug: null, p_legal_name: null, p_description: null }),
    params: {
      p_name: requiredTextCases(200),
      p_slug: [
        ["spaces", "has space", "invalid_input"],
        ["leading hyphen", "-lead", "invalid_input"],
        ["trailing hyphen", "trail-", "invalid_input"],
        ["underscore", "snake_case", "invalid_input"],
        ["64 characters", "s".repeat(64), "invalid_input"],
        // A slug of only a zero-width space is blank, so the slug is derived from the name.
        ...hostileText("invalid_input").filter(([, value]) => value !== "\u200B"),
      ],
      p_legal_name: optionalTextCases(200),
      p_description: optionalTextCases(2000),
    },
  },
  {
    name: "update_organization",
    actor: (f) => f.owner.actor,
    base: (f) => ({
      p_org_id: f.orgId,
      p_name: null,
      p_legal_name: null,
      p_description: null,
      p_invitation_lifetime_hours: null,
    }),
    params: {
      p_org_id: uuidCases(),
      p_name: [
        ["null (unchanged)", null, "noop"],
        ["empty", "", "invalid_input"],
        ["blank", "   ", "invalid_input"],
        ["201 characters", "n".repeat(201), "invalid_input"],
        ["10,000 characters", LONG, "invalid_input"],
      ],
      p_legal_name: [
        ["null (unchanged)", null, "noop"],
        ["empty (already empty)", "", "noop"],
        ...optionalTextCases(200),
      ],
      p_description: [["null (unchanged)", null, "noop"], ...optionalTextCases(2000)],
      p_invitation_lifetime_hours: [
        ["null (unchanged)", null, "noop"],
        ["zero", 0, "invalid_input"],
        ["negative", -1, "invalid_input"],
        ["721 hours", 721, "invalid_input"],
        ["int max", 2_147_483_647, "invalid_input"],
        ["int min", -2_147_483_648, "invalid_input"],
      ],
    },
  },
  {
    name: "delete_organization",
    actor: (f) => f.owner.actor,
    base: (f) => ({ p_org_id: f.orgId, p_confirm_name: "not the name" }),
    params: { p_org_id: uuidCases(), p_confirm_name: confirmCases },
  },
  {
    name: "create_invitations",
    actor: (f) => f.owner.actor,
    base: () => ({
      p_org_id: randomUUID(),
      p_emails: [validEmail()],
      p_role: "viewer",
      p_message: null,
    }),
    params: {
      p_org_id: uuidCases(),
      p_emails: emailArrayCases,
      p_role: roleCases,
      p_message: optionalTextCases(1000),
    },
  },
  {
    name: "resend_invitation",
    actor: (f) => f.owner.actor,
    base: (f) => ({ p_invitation_id: f.invitationId }),
    params: { p_invitation_id: uuidCases() },
  },
  {
    name: "revoke_invitation",
    actor: (f) => f.owner.actor,
    base: (f) => ({ p_invitation_id: f.invitationId }),
    params: { p_invitation_id: uuidCases() },
  },
  {
    name: "accept_invitation",
    actor: (f) => f.invitee.actor,
    base: () => ({}),
    params: { p_token: tokenCases },
  },
  {
    name: "decline_invitation",
    actor: (f) => f.invitee.actor,
    base: () => ({}),
    params: { p_token: tokenCases },
  },
  ...(["change_member_role", "suspend_member", "reactivate_member", "remove_member"] as const).map(
    (name): Spec => ({
      name,
      actor: (f) => f.owner.actor,
      base: (f) => ({
        p_org_id: f.orgId,
        p_user_id: name === "reactivate_member" ? f.suspended.userId : f.member.userId,
        ...(name === "change_member_role" ? { p_role: "viewer" } : {}),
        p_reason: "A valid reason",
      }),
      params: {
        p_org_id: uuidCases(),
        p_user_id: uuidCases(),
        ...(name === "change_member_role" ? { p_role: roleCases } : {}),
        p_reason: reasonCases,
      },
    }),
  ),
  {
    name: "leave_organization",
    actor: (f) => f.member.actor,
    base: () => ({}),
    params: { p_org_id: uuidCases() },
  },
  {
    name: "touch_membership",
    actor: (f) => f.member.actor,
    base: () => ({}),
    params: { p_org_id: uuidCases() },
  },
  {
    name: "request_ownership_transfer",
    actor: (f) => f.owner.actor,
    base: (f) => ({
      p_org_id: f.orgId,
      p_to_user_id: f.admin.userId,
      p_confirm_name: "not the name",
    }),
    params: { p_org_id: uuidCases(), p_to_user_id: uuidCases(), p_confirm_name: confirmCases },
  },
  ...(
    [
      "accept_ownership_transfer",
      "decline_ownership_transfer",
      "cancel_ownership_transfer",
    ] as const
  ).map((name): Spec => ({
    name,
    actor: (f) => f.admin.actor,
    base: () => ({}),
    params: { p_transfer_id: uuidCases() },
  })),
  {
    name: "set_role_permissions",
    actor: (f) => f.owner.actor,
    base: (f) => ({ p_org_id: f.orgId, p_role: "viewer", p_permissions: ["customers.read"] }),
    params: {
      p_org_id: uuidCases(),
      p_role: roleCases,
      p_permissions: permissionArrayCases,
    },
  },
  {
    name: "verify_audit_chain",
    actor: (f) => f.viewer.actor,
    base: () => ({}),
    params: { p_org_id: uuidCases() },
  },
  {
    name: "record_audit_export",
    actor: (f) => f.admin.actor,
    base: (f) => ({ p_org_id: f.orgId, p_format: "csv", p_filters: null, p_row_count: 1 }),
    params: {
      p_org_id: uuidCases(),
      p_format: [
        ["null", null, "invalid_input"],
        ["empty", "", "invalid_input"],
        ["upper case", "CSV", "invalid_input"],
        ["unknown format", "xml", "invalid_input"],
        ["padded", " csv ", "invalid_input"],
        ...hostileText("invalid_input"),
      ],
      p_filters: [
        ["a JSON array", JSON.stringify(["a"]), "invalid_input"],
        ["a JSON string", JSON.stringify("'; drop table x; --"), "invalid_input"],
        ["a JSON number", "42", "invalid_input"],
        ["JSON null", "null", "invalid_input"],
        ["an object over 4000 bytes", JSON.stringify({ q: "é".repeat(2500) }), "invalid_input"],
        ["a 10,000-character object", JSON.stringify({ q: LONG }), "invalid_input"],
      ],
      p_row_count: [
        ["negative", -1, "invalid_input"],
        ["most negative", "-9223372036854775808", "invalid_input"],
      ],
    },
  },
  {
    name: "update_profile",
    actor: (f) => f.member.actor,
    base: () => ({}),
    params: { p_display_name: requiredTextCases(200) },
  },
  {
    name: "support_restore_access",
    actor: service,
    base: (f) => ({
      p_org_id: f.orgId,
      p_email: f.admin.email,
      p_ticket: "T-1",
      p_operator: "ops@roster.dev",
    }),
    params: {
      p_org_id: uuidCases(),
      p_email: singleEmailCases,
      p_ticket: requiredTextCases(200),
      p_operator: requiredTextCases(200),
    },
  },
  {
    name: "mark_invitation_delivery",
    actor: service,
    base: (f) => ({ p_invitation_id: f.invitationId, p_status: "sent", p_error: null }),
    params: {
      p_invitation_id: uuidCases(),
      p_status: [
        ["null", null, "invalid_input"],
        ["empty", "", "invalid_input"],
        ["upper case", "SENT", "invalid_input"],
        ["unknown status", "delivered", "invalid_input"],
        ...hostileText("invalid_input"),
      ],
    },
  },
];

let f: Fixture;

// Everything a call could touch: the fixture org and every row about the fixture's people.
async function snapshot(): Promise<unknown> {
  const people = [
    f.owner,
    f.admin,
    f.member,
    f.viewer,
    f.suspended,
    f.removed,
    f.outsider,
    f.invitee,
  ].map((user) => user.userId);
  const { rows } = await ownerPool.query(
    `select
       (select jsonb_agg(m order by m.org_id, m.user_id) from roster.memberships m where m.user_id = any($1::uuid[])) as memberships,
       (select jsonb_agg(p order by p.user_id) from roster.profiles p where p.user_id = any($1::uuid[])) as profiles,
       (select jsonb_agg(o order by o.id) from roster.organizations o where o.created_by = any($1::uuid[])) as organizations,
       (select count(*) from roster.audit_events a
         where a.org_id in (select m.org_id from roster.memberships m where m.user_id = any($1::uuid[]))) as events`,
    [people],
  );
  return { org: await orgStateSnapshot(f.orgId), people: rows[0] };
}

beforeAll(async () => {
  const fixture = await createOrgFixture("bad");
  const invitee = await createUser("bad-invitee");
  const [invitation] = await rpc<{ invitation_id: string }>(
    fixture.owner.actor,
    "create_invitations",
    {
      p_org_id: fixture.orgId,
      p_emails: [invitee.email],
      p_role: "viewer",
    },
  );
  f = { ...fixture, invitee, invitationId: invitation!.invitation_id };
});

for (const spec of specs) {
  const cases = Object.entries(spec.params).flatMap(([param, list]) =>
    list.map(([label, value, outcome]) => ({ param, label, value, outcome })),
  );
  describe(spec.name, () => {
    it.each(cases)("$param = $label → $outcome", async ({ param, value, outcome }) => {
      const args = { ...spec.base(f), [param]: value };
      // the fixture's own org id stands in wherever a valid one is needed
      if (spec.name === "create_invitations" && param !== "p_org_id") args.p_org_id = f.orgId;
      const before = await snapshot();
      const call = rpc(spec.actor(f), spec.name, args);
      if (outcome === "noop") {
        await call;
      } else {
        const error = await refusal(call);
        expect({ hint: error.hint, code: error.code }).toEqual({
          hint: outcome,
          code: sqlstateOfHint[outcome],
        });
        expect(ALLOWED_SQLSTATES).toContain(error.code);
      }
      expect(await snapshot()).toEqual(before);
    });
  });
}

describe("get_invitation_preview (never raises)", () => {
  it.each(tokenCases)("p_token = %s → status unknown, nothing else", async (_label, value) => {
    const rows = await rpc(service(), "get_invitation_preview", { p_token: value });
    expect(rows).toEqual([
      {
        status: "unknown",
        org_name: null,
        org_slug: null,
        inviter_name: null,
        role: null,
        email_masked: null,
        expires_at: null,
      },
    ]);
  });
});

describe("values Postgres rejects before the function runs (documented 22xxx, HTTP 400)", () => {
  const cases: Array<[string, string, () => Record<string, unknown>]> = [
    [
      "non-integer lifetime",
      "update_organization",
      () => ({ p_org_id: f.orgId, p_invitation_lifetime_hours: "forty-eight" }),
    ],
    [
      "fractional lifetime",
      "update_organization",
      () => ({ p_org_id: f.orgId, p_invitation_lifetime_hours: "1.5" }),
    ],
    [
      "lifetime beyond int range",
      "update_organization",
      () => ({ p_org_id: f.orgId, p_invitation_lifetime_hours: "99999999999" }),
    ],
    [
      "non-integer row count",
      "record_audit_export",
      () => ({ p_org_id: f.orgId, p_format: "csv", p_row_count: "many" }),
    ],
    [
      "malformed JSON filters",
      "record_audit_export",
      () => ({ p_org_id: f.orgId, p_format: "csv", p_filters: '{"a":' }),
    ],
    [
      "emails not an array",
      "create_invitations",
      () => ({ p_org_id: f.orgId, p_emails: "a@example.com", p_role: "viewer" }),
    ],
    [
      "NUL byte in a name",
      "update_organization",
      () => ({ p_org_id: f.orgId, p_name: "Nul\u0000Name" }),
    ],
    [
      "NUL byte in a reason",
      "suspend_member",
      () => ({ p_org_id: f.orgId, p_user_id: f.member.userId, p_reason: "a\u0000b" }),
    ],
  ];
  it.each(cases)("%s", async (_label, name, args) => {
    const before = await snapshot();
    const error = await refusal(rpc(f.owner.actor, name, args()));
    expect(error.code).toMatch(/^22/);
    expect(await snapshot()).toEqual(before);
  });
});

describe("hostile but valid input is stored verbatim and harms nothing", () => {
  it("names, reasons and messages full of SQL metacharacters and unicode round-trip exactly", async () => {
    const { orgId, owner } = await createOrg("bad-verbatim");
    const target = await createUser("bad-verbatim-target");
    await addMember(orgId, owner.actor, target, "member");
    const name = `Robert'); drop table roster.organizations; -- 🦄 \u202Eevil\u202C ${randomUUID().slice(0, 4)}`;
    const [org] = await rpc<{ name: string; slug: string }>(owner.actor, "create_organization", {
      p_name: name,
    });
    expect(org!.name).toBe(name);
    expect(org!.slug).toMatch(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/);

    const reason = `  ${SQL_META.join(" ")} ${UNICODE.join(" ")}  `;
    const [suspended] = await rpc<{ suspended_reason: string }>(owner.actor, "suspend_member", {
      p_org_id: orgId,
      p_user_id: target.userId,
      p_reason: reason,
    });
    expect(suspended!.suspended_reason).toBe(reason.trim());
    const [profile] = await rpc<{ display_name: string }>(target.actor, "update_profile", {
      p_display_name: "  🦄 \u202EO'Brien\" \\ ",
    });
    expect(profile!.display_name).toBe("🦄 \u202EO'Brien\" \\");

    const { rows } = await ownerPool.query(
      `select (select count(*) from roster.memberships where org_id = $1)::int as memberships,
              (select reason from roster.audit_events where org_id = $1 and action = 'member.suspended') as reason`,
      [orgId],
    );
    expect(rows[0]).toEqual({ memberships: 2, reason: reason.trim() });
  });

  it("a 50-email batch with mixed case, padding and duplicates is normalized, one row per input", async () => {
    const { orgId, owner } = await createOrg("bad-batch");
    const local = `Batch-${randomUUID().slice(0, 6)}`;
    const emails = Array.from({ length: 48 }, (_, i) => ` ${local}.${i}@Example.COM `);
    const batch = [...emails, emails[0]!.toUpperCase(), emails[1]!.toLowerCase()];
    const rows = await rpc<{ email: string; status: string; token: string | null }>(
      owner.actor,
      "create_invitations",
      {
        p_org_id: orgId,
        p_emails: batch,
        p_role: "member",
        p_message: "Welcome! '; drop table roster.invitations; -- 🦄",
      },
    );
    expect(rows).toHaveLength(50);
    expect(rows.map((row) => row.email)).toEqual(batch.map((email) => email.trim().toLowerCase()));
    expect(rows.filter((row) => row.status === "created")).toHaveLength(48);
    expect(rows.slice(48).map((row) => [row.status, row.token])).toEqual([
      ["duplicate", null],
      ["duplicate", null],
    ]);
    const { rows: stored } = await ownerPool.query(
      `select count(*)::int as n, min(message) as message from roster.invitations where org_id = $1`,
      [orgId],
    );
    expect(stored[0]).toEqual({
      n: 48,
      message: "Welcome! '; drop table roster.invitations; -- 🦄",
    });
  });

  it("an upper-case, padded uuid is accepted as the same id", async () => {
    const [touched] = await rpc<{ touch_membership: Date }>(f.viewer.actor, "touch_membership", {
      p_org_id: `  ${f.orgId.toUpperCase()} `,
    });
    expect(touched!.touch_membership).toBeInstanceOf(Date);
  });

  it("a 10,000-character delivery error is stored truncated to 1000 characters", async () => {
    const { orgId, owner } = await createOrg("bad-delivery");
    const [invitation] = await rpc<{ invitation_id: string }>(owner.actor, "create_invitations", {
      p_org_id: orgId,
      p_emails: [validEmail()],
      p_role: "viewer",
    });
    await rpc(service(), "mark_invitation_delivery", {
      p_invitation_id: invitation!.invitation_id,
      p_status: "failed",
      p_error: LONG,
    });
    const { rows } = await ownerPool.query(
      `select length(delivery_error)::int as n, delivery_status from roster.invitations where id = $1`,
      [invitation!.invitation_id],
    );
    expect(rows[0]).toEqual({ n: 1000, delivery_status: "failed" });
  });
});

// Reasons and names must not be blank; text that is blank to the eye (no-break space, zero-width
// space) should count as blank too. The database trims only what `[[:space:]]` matches in its
// locale (C.UTF-8 here: not U+00A0, not U+200B), so these are accepted today.
describe("text that only looks blank", () => {
  it("is refused like blank text for reasons, org names and display names", async () => {
    const { orgId, owner } = await createOrg("bad-invisible");
    const victims = await Promise.all([
      createUser("bad-invisible-a"),
      createUser("bad-invisible-b"),
    ]);
    for (const victim of victims) await addMember(orgId, owner.actor, victim, "member");
    const outcome = async (call: Promise<unknown>) =>
      (await call.then(() => "accepted").catch((error: { hint?: string }) => error.hint)) as string;
    const results = {
      "reason: no-break space": await outcome(
        rpc(owner.actor, "suspend_member", {
          p_org_id: orgId,
          p_user_id: victims[0]!.userId,
          p_reason: "\u00A0",
        }),
      ),
      "reason: zero-width space": await outcome(
        rpc(owner.actor, "remove_member", {
          p_org_id: orgId,
          p_user_id: victims[1]!.userId,
          p_reason: "\u200B",
        }),
      ),
      "org name: zero-width space": await outcome(
        rpc(owner.actor, "create_organization", { p_name: "\u200B" }),
      ),
      "display name: no-break spaces": await outcome(
        rpc(victims[0]!.actor, "update_profile", { p_display_name: "\u00A0\u00A0" }),
      ),
    };
    expect(results).toEqual({
      "reason: no-break space": "reason_required",
      "reason: zero-width space": "reason_required",
      "org name: zero-width space": "invalid_input",
      "display name: no-break spaces": "invalid_input",
    });
  });
});
