// Settings the local stack takes from supabase/config.toml, the file `supabase start` reads,
// so both run the project the same way.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "smol-toml";
import { projectRoot } from "./config.ts";

export interface AuthSettings {
  // [auth.email] double_confirm_changes; GoTrue's default is true (internal/conf/configuration.go)
  doubleConfirmChanges: boolean;
}

export async function authSettings(): Promise<AuthSettings> {
  const toml = await readFile(join(projectRoot, "supabase", "config.toml"), "utf8");
  const email = (parse(toml) as { auth?: { email?: { double_confirm_changes?: boolean } } }).auth
    ?.email;
  return { doubleConfirmChanges: email?.double_confirm_changes ?? true };
}
