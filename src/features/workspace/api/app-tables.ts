import { supabase } from "@/lib/supabase";

/**
 * The host app's own tables (the demo tenant tables), which stay in `public` while Roster's own
 * objects live in their own schema: every read and write of them goes through here.
 */
export const appTables = () => supabase.schema("public");

export type AppTable = "customers" | "conversations";

/**
 * Postgres answers an update or delete that row-level security filters out with no rows and no
 * error. Treat that as the refusal it is (42501: the access queries refetch, the message says
 * so); it also covers a row someone else deleted meanwhile, which the list's refetch then shows.
 */
export function expectRows<T>(rows: T[]): T[] {
  if (rows.length === 0) {
    throw Object.assign(new Error("No row was changed"), { code: "42501", hint: "forbidden" });
  }
  return rows;
}

/** A value inside a PostgREST `or=(…)` filter, quoted so commas and parentheses stay literal. */
export function filterValue(value: string): string {
  return `"${value.replace(/[\\"]/g, (char) => `\\${char}`)}"`;
}
