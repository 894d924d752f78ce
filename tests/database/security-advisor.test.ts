// Supabase's security and performance advisor (splinter), re-done against the catalog so it runs
// on every test run: RLS everywhere in `public`, no security-definer views, SECURITY DEFINER
// functions pinned (`search_path = ''`) and kept in `private` unless they are documented RPCs,
// nothing executable by `anon` or PUBLIC, policies that evaluate auth.uid() and their helpers once
// per statement, one permissive policy per (table, role, action), indexed foreign keys, and API
// roles without write privileges on membership state (docs/database.md §1, §3, §10).
// Every check lists its offenders in the failure message.
import { readFile } from "node:fs/promises";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closePools, ownerPool } from "../support/db.ts";

// Schemas that belong to Supabase (or Postgres) rather than to this project.
const PLATFORM_SCHEMAS = [
  "pg_catalog",
  "information_schema",
  "pg_toast",
  "auth",
  "extensions",
  "storage",
  "realtime",
  "graphql",
  "graphql_public",
  "vault",
  "pgsodium",
  "pgsodium_masks",
  "net",
  "cron",
  "supabase_functions",
  "supabase_migrations",
];
const PROJECT_SCHEMA_FILTER = `n.nspname <> all ($1::text[]) and n.nspname !~ '^pg_(temp|toast_temp)_'`;

// docs/database.md §1/§3: API roles never write these; membership state changes only via RPCs.
const RPC_ONLY_TABLES = [
  "memberships",
  "invitations",
  "ownership_transfers",
  "role_permissions",
  "audit_events",
  "organizations",
  "profiles",
  "permissions",
];
const API_ROLES = ["anon", "authenticated", "service_role"];
// docs/database.md §1: the helpers policies and views call as the querying role.
const PRIVATE_HELPERS_FOR_AUTHENTICATED = [
  "active_org_ids",
  "invitation_effective_status",
  "org_ids_with",
];

let client: pg.PoolClient;
let documentedRpcs: string[] = [];
let serviceRoleRpcs: string[] = [];

beforeAll(async () => {
  const docs = await readFile(new URL("../../docs/database.md", import.meta.url), "utf8");
  const rpcNames = (text: string) =>
    [...text.matchAll(/^\*\*`([a-z_][a-z0-9_]*)\(/gm)].map((m) => m[1]!);
  documentedRpcs = rpcNames(docs).sort();
  const serviceSection = docs.slice(docs.indexOf("### Service role only"));
  serviceRoleRpcs = rpcNames(serviceSection.slice(0, serviceSection.search(/\n## /))).sort();
  client = await ownerPool.connect();
  // deparse with only pg_catalog on the path, so every other function shows its schema
  await client.query("set search_path = pg_catalog");
});

afterAll(async () => {
  await client.query("reset search_path");
  client.release();
  await closePools();
});

async function list(sql: string, params: unknown[] = [PLATFORM_SCHEMAS]): Promise<string[]> {
  const { rows } = await client.query<{ offender: string }>(sql, params);
  return rows.map((row) => row.offender).sort();
}

interface Policy {
  table: string;
  name: string;
  permissive: string;
  roles: string[];
  cmd: string;
  qual: string | null;
  with_check: string | null;
}

async function policies(): Promise<Policy[]> {
  const { rows } = await client.query<Policy>(
    `select schemaname || '.' || tablename as table, policyname as name, permissive, roles::text[] as roles, cmd, qual, with_check
     from pg_catalog.pg_policies n where n.schemaname <> all ($1::text[])`,
    [PLATFORM_SCHEMAS],
  );
  return rows;
}

function policyTexts(policy: Policy): Array<[string, string]> {
  return [
    ["using", policy.qual],
    ["with check", policy.with_check],
  ].filter((entry): entry is [string, string] => entry[1] !== null);
}

describe("the docs list the RPCs these checks compare against", () => {
  it("finds the documented RPCs, service-role ones among them", () => {
    expect(documentedRpcs.length).toBeGreaterThanOrEqual(20);
    expect(serviceRoleRpcs).toEqual(
      expect.arrayContaining(["support_restore_access", "get_invitation_preview", "expire_stale"]),
    );
    expect(documentedRpcs).toEqual(expect.arrayContaining(serviceRoleRpcs));
  });
});

describe("security advisor: tables and views", () => {
  it("RLS is enabled on every table in public (rls_disabled_in_public)", async () => {
    const offenders = await list(
      `select c.oid::regclass::text as offender from pg_catalog.pg_class c
       where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and not c.relrowsecurity`,
      [],
    );
    expect(offenders, "tables in public without row level security").toEqual([]);
  });

  it("no table has policies while RLS is off (policy_exists_rls_disabled)", async () => {
    const offenders = await list(
      `select distinct c.oid::regclass::text as offender from pg_catalog.pg_policy p join pg_catalog.pg_class c on c.oid = p.polrelid
       join pg_catalog.pg_namespace n on n.oid = c.relnamespace
       where ${PROJECT_SCHEMA_FILTER} and not c.relrowsecurity`,
    );
    expect(offenders, "tables with policies but RLS disabled").toEqual([]);
  });

  it("every view in public is security_invoker (security_definer_view), and no materialized view is exposed", async () => {
    const offenders = await list(
      `select c.oid::regclass::text || case when c.relkind = 'm' then ' (materialized view)' else '' end as offender
       from pg_catalog.pg_class c
       where c.relnamespace = 'public'::regnamespace and c.relkind in ('v', 'm')
         and (c.relkind = 'm' or not exists (
           select 1 from pg_catalog.unnest(coalesce(c.reloptions, '{}')) o
           where lower(o) in ('security_invoker=true', 'security_invoker=on', 'security_invoker=1', 'security_invoker=yes')))`,
      [],
    );
    expect(offenders, "views running with their owner’s rights").toEqual([]);
  });

  it("no view in public reads auth.users (auth_users_exposed)", async () => {
    const offenders = await list(
      `select distinct v.oid::regclass::text as offender
       from pg_catalog.pg_class v
       join pg_catalog.pg_rewrite r on r.ev_class = v.oid
       join pg_catalog.pg_depend d on d.objid = r.oid and d.classid = 'pg_catalog.pg_rewrite'::regclass
       where v.relnamespace = 'public'::regnamespace and v.relkind in ('v', 'm') and d.refobjid = 'auth.users'::regclass`,
      [],
    );
    expect(offenders, "views exposing auth.users").toEqual([]);
  });

  it("every table in public has a primary key (no_primary_key)", async () => {
    const offenders = await list(
      `select c.oid::regclass::text as offender from pg_catalog.pg_class c
       where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
         and not exists (select 1 from pg_catalog.pg_constraint k where k.conrelid = c.oid and k.contype = 'p')`,
      [],
    );
    expect(offenders, "tables without a primary key").toEqual([]);
  });

  it("no extension is installed in public (extension_in_public)", async () => {
    const offenders = await list(
      `select e.extname as offender from pg_catalog.pg_extension e where e.extnamespace = 'public'::regnamespace`,
      [],
    );
    expect(offenders, "extensions in public").toEqual([]);
  });

  it("every foreign key has an index whose leading columns are its columns (unindexed_foreign_keys)", async () => {
    const offenders = await list(
      `select c.conrelid::regclass::text || '.' || c.conname || ' (' ||
              (select string_agg(a.attname, ', ' order by k.i) from pg_catalog.unnest(c.conkey) with ordinality k(attnum, i)
               join pg_catalog.pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum) || ')' as offender
       from pg_catalog.pg_constraint c
       join pg_catalog.pg_namespace n on n.oid = c.connamespace
       where c.contype = 'f' and ${PROJECT_SCHEMA_FILTER}
         and not exists (
           select 1 from pg_catalog.pg_index i
           where i.indrelid = c.conrelid and i.indpred is null
             and (select array_agg(x order by x) from pg_catalog.unnest(c.conkey) x)
               = (select array_agg(x order by x) from pg_catalog.unnest((i.indkey::int2[])[0:pg_catalog.cardinality(c.conkey) - 1]) x))`,
    );
    expect(offenders, "foreign keys without a covering index").toEqual([]);
  });

  it("no two indexes on a table are identical (duplicate_index)", async () => {
    const offenders = await list(
      `select string_agg(i.indexrelid::regclass::text, ' = ' order by i.indexrelid::regclass::text) as offender
       from pg_catalog.pg_index i join pg_catalog.pg_class c on c.oid = i.indrelid
       join pg_catalog.pg_namespace n on n.oid = c.relnamespace
       where ${PROJECT_SCHEMA_FILTER}
       group by i.indrelid, i.indkey::text, i.indclass::text, i.indoption::text,
                coalesce(pg_catalog.pg_get_expr(i.indexprs, i.indrelid), ''), coalesce(pg_catalog.pg_get_expr(i.indpred, i.indrelid), '')
       having count(*) > 1`,
    );
    expect(offenders, "duplicate indexes").toEqual([]);
  });
});

describe("security advisor: functions", () => {
  const functions = `
    select p.oid, n.nspname as schema, p.proname as name, p.oid::regprocedure::text as signature, p.prosecdef as definer,
           p.proconfig as config, p.proowner
    from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
    where ${PROJECT_SCHEMA_FILTER}
      and not exists (select 1 from pg_catalog.pg_depend d
                      where d.classid = 'pg_catalog.pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')`;

  it("finds the project functions", async () => {
    const names = await list(`select f.schema || '.' || f.name as offender from (${functions}) f`);
    expect(names).toEqual(
      expect.arrayContaining(["roster.accept_invitation", "roster_private.org_ids_with"]),
    );
  });

  it("every SECURITY DEFINER function pins search_path = ''", async () => {
    const offenders = await list(
      `select f.signature || ' ' || coalesce(f.config::text, '(no config)') as offender from (${functions}) f
       where f.definer and not ('search_path=""' = any (coalesce(f.config, '{}')))`,
    );
    expect(offenders, "SECURITY DEFINER functions without search_path = ''").toEqual([]);
  });

  it("every function sets its search_path (function_search_path_mutable)", async () => {
    const offenders = await list(
      `select f.signature as offender from (${functions}) f
       where not exists (select 1 from pg_catalog.unnest(coalesce(f.config, '{}')) c where c like 'search_path=%')`,
    );
    expect(offenders, "functions with a mutable search_path").toEqual([]);
  });

  it("SECURITY DEFINER functions live in private unless they are documented public RPCs", async () => {
    const definers = await client.query<{ schema: string; name: string; signature: string }>(
      `select f.schema, f.name, f.signature from (${functions}) f where f.definer and f.schema <> 'private'`,
      [PLATFORM_SCHEMAS],
    );
    const offenders = definers.rows
      .filter((f) => f.schema !== "public" || !documentedRpcs.includes(f.name))
      .map((f) => f.signature)
      .sort();
    expect(
      offenders,
      "SECURITY DEFINER functions outside private that docs/database.md does not list",
    ).toEqual([]);
  });

  it("every function in public is a documented RPC, and every documented RPC exists", async () => {
    const inPublic = await list(
      `select distinct f.name as offender from (${functions}) f where f.schema = 'public'`,
    );
    expect(
      inPublic.filter((name) => !documentedRpcs.includes(name)),
      "undocumented functions in public",
    ).toEqual([]);
    expect(
      documentedRpcs.filter((name) => !inPublic.includes(name)),
      "documented RPCs missing from public",
    ).toEqual([]);
  });

  it("no SECURITY DEFINER function is executable by anon", async () => {
    const offenders = await list(
      `select p.oid::regprocedure::text as offender
       from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
       where p.prosecdef and n.nspname not in ('pg_catalog', 'information_schema')
         and pg_catalog.has_function_privilege('anon', p.oid, 'EXECUTE')`,
      [],
    );
    expect(offenders, "SECURITY DEFINER functions anon can execute").toEqual([]);
  });

  it("no function in public or private grants EXECUTE to PUBLIC (including the implicit default)", async () => {
    const offenders = await list(
      `select p.oid::regprocedure::text as offender
       from pg_catalog.pg_proc p
       where p.pronamespace in ('public'::regnamespace, 'private'::regnamespace)
         and exists (select 1 from pg_catalog.aclexplode(coalesce(p.proacl, pg_catalog.acldefault('f', p.proowner))) a
                     where a.grantee = 0 and a.privilege_type = 'EXECUTE')`,
      [],
    );
    expect(offenders, "functions executable by PUBLIC").toEqual([]);
  });

  it("EXECUTE on public RPCs is granted as documented: service-role RPCs to service_role only, the rest to authenticated only", async () => {
    const { rows } = await client.query<{ name: string; grantees: string[] }>(
      `select p.proname as name,
              coalesce(array_agg(distinct r.rolname::text order by r.rolname::text) filter (where r.rolname is not null), '{}') as grantees
       from pg_catalog.pg_proc p
       left join lateral pg_catalog.aclexplode(coalesce(p.proacl, pg_catalog.acldefault('f', p.proowner))) a on a.privilege_type = 'EXECUTE'
       left join pg_catalog.pg_roles r on r.oid = a.grantee and r.oid <> p.proowner
       where p.pronamespace = 'public'::regnamespace
       group by p.proname`,
    );
    const offenders = rows
      .map((row) => {
        const expected = serviceRoleRpcs.includes(row.name) ? ["service_role"] : ["authenticated"];
        return row.grantees.join(",") === expected.join(",")
          ? null
          : `${row.name}: granted to [${row.grantees.join(", ")}], expected [${expected}]`;
      })
      .filter((line): line is string => line !== null)
      .sort();
    expect(offenders, "RPC EXECUTE grants that differ from docs/database.md").toEqual([]);
  });

  it("authenticated executes exactly the three documented private helpers, and nothing else in private", async () => {
    const executable = await list(
      `select distinct p.proname as offender from pg_catalog.pg_proc p
       where p.pronamespace = 'private'::regnamespace and pg_catalog.has_function_privilege('authenticated', p.oid, 'EXECUTE')`,
      [],
    );
    expect(executable).toEqual(PRIVATE_HELPERS_FOR_AUTHENTICATED);
    const otherRoles = await list(
      `select distinct r || ': ' || p.proname as offender from pg_catalog.pg_proc p, pg_catalog.unnest(array['anon', 'service_role']) r
       where p.pronamespace = 'private'::regnamespace and pg_catalog.has_function_privilege(r, p.oid, 'EXECUTE')`,
      [],
    );
    expect(otherRoles, "private functions anon or service_role can execute").toEqual([]);
  });
});

describe("security advisor: policies", () => {
  it("finds the policies", async () => {
    expect((await policies()).length).toBeGreaterThanOrEqual(12);
  });

  it("policies call auth.uid() and friends as (select auth.uid()), once per statement (auth_rls_initplan)", async () => {
    const offenders: string[] = [];
    for (const policy of await policies()) {
      for (const [clause, text] of policyTexts(policy)) {
        for (const match of text.matchAll(
          /\bauth\.(uid|jwt|role|email)\(\)|\bcurrent_setting\(/g,
        )) {
          if (!/\(\s*SELECT\s+$/i.test(text.slice(0, match.index)))
            offenders.push(`${policy.table} ${policy.name} (${clause}): ${text}`);
        }
      }
    }
    expect(offenders.sort(), "policies evaluating auth functions per row").toEqual([]);
  });

  it("policies call other functions only as `… in (select helper())`, never per row", async () => {
    const offenders: string[] = [];
    for (const policy of await policies()) {
      for (const [clause, text] of policyTexts(policy)) {
        for (const match of text.matchAll(/\b([a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*)\(/gi)) {
          if (match[1] === "auth" || match[1] === "pg_catalog") continue; // auth: previous check
          // `in (select f())` and `array(select f())` are InitPlans: once per statement
          if (!/\b(IN|ARRAY)\s*\(\s*SELECT\s+$/i.test(text.slice(0, match.index)))
            offenders.push(
              `${policy.table} ${policy.name} (${clause}) calls ${match[1]}.${match[2]}() per row: ${text}`,
            );
        }
      }
    }
    expect(offenders.sort(), "policies with per-row function calls").toEqual([]);
  });

  it("policies do not trust user-editable JWT metadata (rls_references_user_metadata)", async () => {
    const offenders = (await policies())
      .filter((policy) => policyTexts(policy).some(([, text]) => /user_metadata/.test(text)))
      .map((policy) => `${policy.table} ${policy.name}`);
    expect(offenders, "policies reading user_metadata").toEqual([]);
  });

  it("one permissive policy per table, role and action (multiple_permissive_policies)", async () => {
    const seen = new Map<string, string[]>();
    for (const policy of await policies()) {
      if (policy.permissive !== "PERMISSIVE") continue;
      const roles = policy.roles.includes("public")
        ? ["anon", "authenticated", "authenticator", "service_role"]
        : policy.roles;
      const actions =
        policy.cmd === "ALL" ? ["SELECT", "INSERT", "UPDATE", "DELETE"] : [policy.cmd];
      for (const role of roles)
        for (const action of actions) {
          const key = `${policy.table} ${role} ${action}`;
          seen.set(key, [...(seen.get(key) ?? []), policy.name]);
        }
    }
    const offenders = [...seen.entries()]
      .filter(([, names]) => names.length > 1)
      .map(([key, names]) => `${key}: ${names.join(", ")}`);
    expect(offenders.sort(), "several permissive policies for one (table, role, action)").toEqual(
      [],
    );
  });

  it("no policy applies to anon or PUBLIC (anon reads nothing)", async () => {
    const offenders = (await policies())
      .filter((policy) => policy.roles.some((role) => role === "anon" || role === "public"))
      .map((policy) => `${policy.table} ${policy.name} to ${policy.roles.join(", ")}`);
    expect(offenders.sort(), "policies for anon / PUBLIC").toEqual([]);
  });
});

describe("security advisor: privileges of the API roles", () => {
  it("anon, authenticated and service_role cannot insert, update, delete or truncate membership state", async () => {
    const offenders = await list(
      `select r || ' ' || p || ' on public.' || t as offender
       from pg_catalog.unnest($1::text[]) t, pg_catalog.unnest($2::text[]) r, pg_catalog.unnest(array['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) p
       where pg_catalog.has_table_privilege(r, ('public.' || t)::regclass, p)
          or (p in ('INSERT', 'UPDATE') and pg_catalog.has_any_column_privilege(r, ('public.' || t)::regclass, p))`,
      [RPC_ONLY_TABLES, API_ROLES],
    );
    expect(offenders, "write privileges on RPC-only tables").toEqual([]);
  });

  it("anon holds no privilege on any table, view or sequence in public", async () => {
    const offenders = await list(
      `select c.oid::regclass::text || ' ' || p as offender
       from pg_catalog.pg_class c, pg_catalog.unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) p
       where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'f')
         and (pg_catalog.has_table_privilege('anon', c.oid, p)
              or (p in ('SELECT', 'INSERT', 'UPDATE', 'REFERENCES') and pg_catalog.has_any_column_privilege('anon', c.oid, p)))
       union all
       select c.oid::regclass::text || ' ' || p
       from pg_catalog.pg_class c, pg_catalog.unnest(array['USAGE', 'SELECT', 'UPDATE']) p
       where c.relnamespace = 'public'::regnamespace and c.relkind = 'S' and pg_catalog.has_sequence_privilege('anon', c.oid, p)`,
      [],
    );
    expect(offenders, "anon privileges in public").toEqual([]);
  });

  it("anon executes no function in public or private", async () => {
    const offenders = await list(
      `select p.oid::regprocedure::text as offender from pg_catalog.pg_proc p
       where p.pronamespace in ('public'::regnamespace, 'private'::regnamespace)
         and pg_catalog.has_function_privilege('anon', p.oid, 'EXECUTE')`,
      [],
    );
    expect(offenders, "functions anon can execute").toEqual([]);
  });

  it("anon only has USAGE on public (no CREATE) and nothing on private", async () => {
    const { rows } = await client.query<Record<string, boolean>>(
      `select pg_catalog.has_schema_privilege('anon', 'public', 'USAGE') as public_usage,
              pg_catalog.has_schema_privilege('anon', 'public', 'CREATE') as public_create,
              pg_catalog.has_schema_privilege('anon', 'private', 'USAGE') as private_usage,
              pg_catalog.has_schema_privilege('anon', 'private', 'CREATE') as private_create,
              pg_catalog.has_schema_privilege('authenticated', 'private', 'CREATE') as authenticated_private_create,
              pg_catalog.has_schema_privilege('authenticated', 'public', 'CREATE') as authenticated_public_create`,
    );
    expect(rows[0]).toEqual({
      public_usage: true,
      public_create: false,
      private_usage: false,
      private_create: false,
      authenticated_private_create: false,
      authenticated_public_create: false,
    });
  });

  it("the default privileges keep future objects in public away from the API roles", async () => {
    // a table, function and sequence created later by the migration role must not be exposed
    const offenders = await list(
      `select pg_catalog.pg_get_userbyid(d.defaclrole) || ' ' || d.defaclobjtype::text || ': ' || a.privilege_type || ' to ' ||
              coalesce(r.rolname, 'PUBLIC') as offender
       from pg_catalog.pg_default_acl d
       cross join lateral pg_catalog.aclexplode(d.defaclacl) a
       left join pg_catalog.pg_roles r on r.oid = a.grantee
       where (d.defaclnamespace = 'public'::regnamespace or d.defaclnamespace = 0)
         and pg_catalog.pg_get_userbyid(d.defaclrole) = 'postgres'
         and (a.grantee = 0 or r.rolname = any ($1::text[]))`,
      [API_ROLES],
    );
    expect(offenders, "default privileges that would expose new objects").toEqual([]);
    // without a global entry for functions, Postgres' built-in default grants EXECUTE to PUBLIC
    const { rows } = await client.query(
      `select 1 from pg_catalog.pg_default_acl d
       where d.defaclnamespace = 0 and d.defaclobjtype = 'f' and pg_catalog.pg_get_userbyid(d.defaclrole) = 'postgres'`,
    );
    expect(
      rows,
      "alter default privileges for role postgres revoke execute on functions from public",
    ).toHaveLength(1);
  });
});
