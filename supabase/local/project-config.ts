// supabase/config.toml, the file `supabase start` reads, read once per call by everything here
// that follows it (the local stack, the type generator, the tests), so both run the project the
// same way. Only the settings Roster uses are typed.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "smol-toml";
import { projectRoot } from "./config.ts";

export const projectConfigFile = join(projectRoot, "supabase", "config.toml");

export interface ProjectConfig {
  api?: { schemas?: string[] };
  auth: { site_url: string; email?: { double_confirm_changes?: boolean } };
  functions?: Record<string, { verify_jwt?: boolean }>;
}

export function readProjectConfig(): ProjectConfig {
  return parse(readFileSync(projectConfigFile, "utf8")) as unknown as ProjectConfig;
}

export interface AuthSettings {
  // [auth.email] double_confirm_changes; GoTrue's default is true (internal/conf/configuration.go)
  doubleConfirmChanges: boolean;
}

export function authSettings(): AuthSettings {
  return {
    doubleConfirmChanges: readProjectConfig().auth.email?.double_confirm_changes ?? true,
  };
}
