// What must never happen, checked in the database after an attack (DESIGN.md §4). The attack
// itself goes over HTTP only; this reads the tables as the project's `postgres` role.
import pg from "pg";
import { stackEnv } from "../../support/stack.ts";

export interface InvariantResult {
  name: string;
  /** How many things were checked (orgs, rows or calls). */
  checked: number;
  /** What breaks the invariant, one line each; empty when it holds. */
  broken: string[];
}

interface Check {
  name: string;
  /** Counts the things checked. */
  checked: string;
  /** Lists what breaks the invariant as rows of one text column, `broken`. */
  broken: string;
}

const personColumns = [
  ["customers", "created_by"],
  ["conversations", "assigned_to"],
  ["conversations", "created_by"],
  ["messages", "created_by"],
  ["ai_drafts", "created_by"],
] as const;

const checks: Check[] = [
  {
    name: "exactly one active owner per live org",
    checked: "select count(*) from roster.organizations where deleted_at is null",
    broken: `select o.id || ': ' || count(m.user_id) || ' active owners' as broken
             from roster.organizations o
             left join roster.memberships m on m.org_id = o.id and m.role = 'owner' and m.status = 'active'
             where o.deleted_at is null group by o.id having count(m.user_id) <> 1`,
  },
  {
    name: "at most one pending invitation per (org, email)",
    checked: "select count(*) from roster.invitations where status = 'pending'",
    broken: `select org_id || ' ' || email || ': ' || count(*) || ' pending' as broken
             from roster.invitations where status = 'pending' group by org_id, email having count(*) > 1`,
  },
  {
    name: "at most one pending ownership transfer per org",
    checked: "select count(*) from roster.ownership_transfers where status = 'pending'",
    broken: `select org_id || ': ' || count(*) || ' pending transfers' as broken
             from roster.ownership_transfers where status = 'pending' group by org_id having count(*) > 1`,
  },
  {
    name: "no orphan rows",
    checked: `select (select count(*) from roster.organizations) + (select count(*) from roster.invitations
              where status = 'accepted')
              + (select count(*) from public.customers) + (select count(*) from public.conversations) * 2
              + (select count(*) from public.messages) + (select count(*) from public.ai_drafts)`,
    broken: [
      `select 'org ' || o.id || ' has no permission matrix' as broken from roster.organizations o
       where not exists (select 1 from roster.role_permissions r where r.org_id = o.id)`,
      `select 'invitation ' || i.id || ' accepted without a membership' from roster.invitations i
       where i.status = 'accepted' and i.accepted_by is not null and not exists (
         select 1 from roster.memberships m where m.org_id = i.org_id and m.user_id = i.accepted_by)`,
      // A person named in a tenant row was a member of that row's org (issue 10, finding 5).
      ...personColumns.map(
        ([table, column]) =>
          `select '${table} ' || t.id || ' names a non-member in ${column}' from public.${table} t
           where t.${column} is not null and not exists (
             select 1 from roster.memberships m where m.org_id = t.org_id and m.user_id = t.${column})`,
      ),
    ].join(" union all "),
  },
];

// tests/database/audit.test.ts breaks audit chains on purpose, so when the suite shares a stack
// with it (`npm test`) chains are verified in the organizations of the attack's own people; on
// a stack of its own (`npm run test:attack` sets ROSTER_ATTACK_OWN_STACK=1), in every org.
const everyChain = process.env.ROSTER_ATTACK_OWN_STACK === "1";

export async function checkInvariants(
  refusedAgents: Set<string>,
  people: Set<string>,
): Promise<InvariantResult[]> {
  const client = new pg.Client({ connectionString: stackEnv.DB_URL });
  await client.connect();
  try {
    const results: InvariantResult[] = [];
    for (const check of checks) {
      const counted = (await client.query(check.checked)).rows[0] as Record<string, string>;
      const broken = (await client.query<{ broken: string }>(check.broken)).rows;
      results.push({
        name: check.name,
        checked: Number(Object.values(counted)[0]),
        broken: broken.map((row) => row.broken),
      });
    }
    results.push(await auditChains(client, [...people]));
    const agents = [...refusedAgents];
    const leaked = await client.query<{ broken: string }>(
      `select action || ' event ' || id || ' written by refused call ' || user_agent as broken
       from roster.audit_events where user_agent = any($1::text[])`,
      [agents],
    );
    results.push({
      name: "no audit event for a refused call",
      checked: agents.length,
      broken: leaked.rows.map((row) => row.broken),
    });
    return results;
  } finally {
    await client.end();
  }
}

// verify_audit_chain as each live org's owner, in one transaction rolled back at the end: the
// checkpoints it records (it writes them) are dropped, so the check changes nothing.
async function auditChains(client: pg.Client, people: string[]): Promise<InvariantResult> {
  const { rows: orgs } = await client.query<{ org_id: string; owner_id: string }>(
    `select o.id as org_id, m.user_id as owner_id from roster.organizations o
     join roster.memberships m on m.org_id = o.id and m.role = 'owner' and m.status = 'active'
     where o.deleted_at is null
       and ($1 or exists (select 1 from roster.memberships p where p.org_id = o.id and p.user_id = any($2::uuid[])))`,
    [everyChain, people],
  );
  const broken: string[] = [];
  await client.query("begin");
  try {
    for (const { org_id, owner_id } of orgs) {
      await client.query("select set_config('request.jwt.claims', $1, true)", [
        JSON.stringify({ sub: owner_id, role: "authenticated" }),
      ]);
      const { rows } = await client.query<{ ok: boolean; first_broken_id: string | null }>(
        "select ok, first_broken_id from roster.verify_audit_chain($1)",
        [org_id],
      );
      if (!rows[0]?.ok)
        broken.push(`org ${org_id}: chain broken at event ${rows[0]?.first_broken_id}`);
    }
  } finally {
    await client.query("rollback");
  }
  return {
    name: everyChain
      ? "verify_audit_chain ok for every live org"
      : "verify_audit_chain ok for every live org of the attack's people",
    checked: orgs.length,
    broken,
  };
}
