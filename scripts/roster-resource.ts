// npm run roster:resource -- <name> [--root <dir>]: an app table protected by the organization's
// permission matrix, the way docs/adopting.md builds one by hand. Writes
//   supabase/migrations/<timestamp>_<name>.sql  the table (org_id first), its keys <name>.read and
//                                               <name>.write via roster.register_permission,
//                                               one policy per operation with roster.orgs_with,
//                                               privileges revoked then granted back by column
//   tests/database/<name>.test.ts               isolation and each permission, against the stack
// under --root (default: this checkout). Refuses a bad name or a file that already exists.
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { format, resolveConfig } from "prettier";
import { projectRoot } from "../supabase/local/config.ts";

// Roster's own areas, read from the one list the database refuses them by
// (roster_private.is_roster_area in the app API migration).
const rosterAreas = (() => {
  const migration = readFileSync(
    join(projectRoot, "supabase", "migrations", "20261207500000_app_api.sql"),
    "utf8",
  );
  const list = /function roster_private\.is_roster_area[\s\S]*?p_area in \(([^)]*)\)/.exec(
    migration,
  );
  if (!list) throw new Error("roster_private.is_roster_area not found in the app API migration");
  return [...list[1]!.matchAll(/'([a-z_]+)'/g)].map((area) => area[1]!);
})();

/** Why `name` cannot be a resource, or null when it can. */
export function nameProblem(name: string | undefined): string | null {
  if (!name) return "Name the resource: npm run roster:resource -- <name> (e.g. tickets).";
  if (!/^[a-z][a-z0-9_]{0,39}$/.test(name))
    return `"${name}" is not a resource name: use 1-40 lowercase letters, digits and underscores, starting with a letter (it becomes the table public.${name.toLowerCase()} and the keys ${name.toLowerCase()}.read / .write).`;
  if (rosterAreas.includes(name))
    return `"${name}" is one of Roster's own areas (${rosterAreas.join(", ")}); choose another name.`;
  return null;
}

// Now, or just after the newest migration already there: Roster's own carry dates that may lie
// ahead of the clock, and the resource's must run after them.
async function nextTimestamp(dir: string, now: Date): Promise<string> {
  const clock = now.toISOString().replace(/\D/g, "").slice(0, 14);
  const newest = (await readdir(dir))
    .map((file) => /^(\d{14})_/.exec(file)?.[1])
    .filter((version): version is string => version !== undefined)
    .sort()
    .at(-1);
  return newest && newest >= clock ? String(BigInt(newest) + 1n) : clock;
}

export function resourceMigration(name: string): string {
  const label = name.replaceAll("_", " ");
  return `-- ${name}: an app table protected by the organization's permission matrix (written by
-- npm run roster:resource; docs/adopting.md). Add your own columns; org_id stays first.

-- Permission keys (the owner always holds both): readers and writers by default.
select roster.register_permission('${name}.read', 'View ${label}', '{admin,member,viewer}');
select roster.register_permission('${name}.write', 'Create and edit ${label}', '{admin,member}');

create table public.${name} (
  org_id uuid not null references roster.organizations (id) on delete cascade,
  id uuid primary key default gen_random_uuid(),
  name text not null constraint ${name}_name_length check (char_length(name) between 1 and 200),
  created_at timestamptz not null default now(),
  created_by uuid default auth.uid() references auth.users (id) on delete set null
);
create index ${name}_org_created_idx on public.${name} (org_id, created_at desc);
create index ${name}_created_by_idx on public.${name} (created_by);

alter table public.${name} enable row level security;
-- ${name}.read holders read the org's ${label}.
create policy ${name}_select on public.${name} for select to authenticated
  using (org_id in (select roster.orgs_with('${name}.read')));
-- ${name}.write holders add ${label} to their org.
create policy ${name}_insert on public.${name} for insert to authenticated
  with check (org_id in (select roster.orgs_with('${name}.write')));
-- ${name}.write holders edit the org's ${label}.
create policy ${name}_update on public.${name} for update to authenticated
  using (org_id in (select roster.orgs_with('${name}.write')))
  with check (org_id in (select roster.orgs_with('${name}.write')));
-- ${name}.write holders delete the org's ${label}.
create policy ${name}_delete on public.${name} for delete to authenticated
  using (org_id in (select roster.orgs_with('${name}.write')));

-- Supabase grants everything in public by default: take it back, then grant what each role
-- needs. org_id is set once; id, created_at and created_by come from their defaults.
revoke all on public.${name} from public, anon, authenticated, service_role;
grant select, delete on public.${name} to authenticated;
grant insert (org_id, name), update (name) on public.${name} to authenticated;
grant select, insert, update, delete on public.${name} to service_role;
`;
}

export function resourceTest(name: string): string {
  return `// ${name} (written by npm run roster:resource): the organization's matrix guards
// public.${name}. Isolation between organizations, then each permission key, held and not held,
// on the live matrix. Runs against the stack like every test in tests/database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asActor, closePools, ownerPool, refusal, rpc, type Actor } from "../support/db.ts";
import { createOrgFixture, type OrgFixture } from "../support/org.ts";

let f: OrgFixture;
let other: OrgFixture;
let rowId = "";

const read = (actor: Actor) =>
  asActor(actor, async (client) => (await client.query("select id, org_id from public.${name}")).rows);
const insert = (actor: Actor, orgId: string) =>
  asActor(actor, (client) =>
    client.query("insert into public.${name} (org_id, name) values ($1, 'Added') returning id", [orgId]),
  );
const rename = (actor: Actor, id: string) =>
  asActor(actor, async (client) =>
    (await client.query("update public.${name} set name = 'Renamed' where id = $1", [id])).rowCount,
  );
const remove = (actor: Actor, id: string) =>
  asActor(actor, async (client) =>
    (await client.query("delete from public.${name} where id = $1", [id])).rowCount,
  );

// Sets one role's keys in f through the RPC the Roles page uses, the owner acting.
async function setRole(role: string, change: (keys: string[]) => string[]): Promise<void> {
  const { rows } = await ownerPool.query<{ permission: string }>(
    "select permission from roster.role_permissions where org_id = $1 and role = $2",
    [f.orgId, role],
  );
  await rpc(f.owner.actor, "set_role_permissions", {
    p_org_id: f.orgId,
    p_role: role,
    p_permissions: change(rows.map((row) => row.permission)),
  });
}

beforeAll(async () => {
  f = await createOrgFixture("${name}");
  other = await createOrgFixture("${name}-other");
  const { rows } = await insert(f.member.actor, f.orgId);
  rowId = rows[0]!.id;
});

afterAll(closePools);

describe("isolation", () => {
  it("people outside the org, or no longer active in it, see none of its rows", async () => {
    for (const person of [other.owner, f.outsider, f.suspended, f.removed])
      expect((await read(person.actor)).map((row) => row.org_id)).not.toContain(f.orgId);
  });

  it("nobody writes into another org's rows", async () => {
    expect((await refusal(insert(other.owner.actor, f.orgId))).code).toBe("42501");
    expect(await rename(other.owner.actor, rowId)).toBe(0);
    expect(await remove(other.owner.actor, rowId)).toBe(0);
    expect((await read(f.owner.actor)).map((row) => row.id)).toContain(rowId);
  });

  it("anon has no access at all", async () => {
    expect((await refusal(read({ role: "anon" }))).code).toBe("42501");
  });
});

describe("${name}.read", () => {
  it("holders read the org's rows: a viewer by default", async () => {
    expect((await read(f.viewer.actor)).map((row) => row.id)).toContain(rowId);
  });

  it("taking it away hides them on the next request", async () => {
    await setRole("viewer", (keys) => keys.filter((key) => key !== "${name}.read"));
    try {
      expect((await read(f.viewer.actor)).map((row) => row.id)).not.toContain(rowId);
    } finally {
      await setRole("viewer", (keys) => [...keys, "${name}.read"]);
    }
  });
});

describe("${name}.write", () => {
  it("holders add, edit and delete: a member by default", async () => {
    const { rows } = await insert(f.member.actor, f.orgId);
    expect(await rename(f.member.actor, rows[0]!.id)).toBe(1);
    expect(await remove(f.member.actor, rows[0]!.id)).toBe(1);
  });

  it("readers without it are refused, and nothing changes", async () => {
    expect((await refusal(insert(f.viewer.actor, f.orgId))).code).toBe("42501");
    expect(await rename(f.viewer.actor, rowId)).toBe(0);
    expect(await remove(f.viewer.actor, rowId)).toBe(0);
  });

  it("taking it away from members refuses their next write", async () => {
    await setRole("member", (keys) => keys.filter((key) => key !== "${name}.write"));
    try {
      expect((await refusal(insert(f.member.actor, f.orgId))).code).toBe("42501");
      expect(await rename(f.member.actor, rowId)).toBe(0);
    } finally {
      await setRole("member", (keys) => [...keys, "${name}.write"]);
    }
  });
});
`;
}

export async function writeResource(
  name: string,
  root = projectRoot,
  now = new Date(),
): Promise<string[]> {
  const migrations = join(root, "supabase", "migrations");
  await mkdir(migrations, { recursive: true });
  await mkdir(join(root, "tests", "database"), { recursive: true });
  const existing = (await readdir(migrations)).find((file) => file.endsWith(`_${name}.sql`));
  const migration = join(migrations, `${await nextTimestamp(migrations, now)}_${name}.sql`);
  const test = join(root, "tests", "database", `${name}.test.ts`);
  for (const file of [existing && join(migrations, existing), test])
    if (file && existsSync(file)) throw new Error(`${file} already exists; nothing was written.`);
  await writeFile(migration, resourceMigration(name));
  // formatted as the project's own files are (prettier), so it reads like them
  const style = await resolveConfig(join(projectRoot, "tests", "database", "x.test.ts"));
  await writeFile(test, await format(resourceTest(name), { ...style, parser: "typescript" }));
  return [migration, test];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const rootAt = args.indexOf("--root");
  const root = rootAt === -1 ? projectRoot : args[rootAt + 1];
  const name = args.filter((_, i) => i !== rootAt && i !== rootAt + 1)[0];
  const problem = nameProblem(name) ?? (root ? null : "--root needs a folder.");
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
  for (const file of await writeResource(name!, root)) console.log(`wrote ${file}`);
  console.log(
    "Apply the migration (npm run db:reset locally, supabase db push for a project), then run the test.",
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}
