// What the API exposes, read from the database's catalog so a new RPC, table or view is attacked
// without anyone adding it here: every RPC in `roster`, every table and view in `roster` and in
// `public` (the demo app's tables), with their arguments or columns. Edge functions are the folders of supabase/functions.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { projectRoot } from "../../../supabase/local/config.ts";
import { stackEnv } from "../../support/stack.ts";

export interface Exposed {
  rpcs: Array<{ name: string; args: string[] }>;
  relations: Array<{ name: string; columns: string[] }>;
  functions: string[];
}

export async function readExposed(): Promise<Exposed> {
  const client = new pg.Client({ connectionString: stackEnv.DB_URL });
  await client.connect();
  try {
    const rpcs = await client.query<{ name: string; args: string[] }>(
      `select p.proname as name,
         coalesce((select array_agg(n order by i) from unnest(p.proargnames, p.proargmodes) with ordinality a(n, m, i)
                   where coalesce(m, 'i') in ('i', 'b')), p.proargnames, '{}') as args
       from pg_proc p where p.pronamespace = 'roster'::regnamespace and p.prokind = 'f' order by 1`,
    );
    const relations = await client.query<{ name: string; columns: string[] }>(
      `select c.relname as name, array_agg(a.attname::text order by a.attnum) as columns
       from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
       where c.relnamespace = any (array['roster', 'public']::regnamespace[]) and c.relkind in ('r', 'v') group by c.relname order by 1`,
    );
    return { rpcs: rpcs.rows, relations: relations.rows, functions: edgeFunctions() };
  } finally {
    await client.end();
  }
}

function edgeFunctions(): string[] {
  return readdirSync(join(projectRoot, "supabase", "functions"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("_"))
    .map((entry) => entry.name)
    .sort();
}
