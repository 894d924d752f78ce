// supabase/config.toml, the file `supabase start` reads, read once per call by everything here
// that follows it (the local stack, the type generator, the tests), so both run the project the
// same way. Only the settings Roster uses are typed.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "smol-toml";
import { projectRoot } from "./config.ts";

export const projectConfigFile = join(projectRoot, "supabase", "config.toml");

export interface ProjectConfig {
  api?: { schemas?: string[]; extra_search_path?: string[] };
  auth: {
    site_url: string;
    email?: {
      enable_confirmations?: boolean;
      double_confirm_changes?: boolean;
      secure_password_change?: boolean;
    };
  };
  functions?: Record<string, { verify_jwt?: boolean }>;
}

export function readProjectConfig(): ProjectConfig {
  return parse(readFileSync(projectConfigFile, "utf8")) as unknown as ProjectConfig;
}

// What PostgREST exposes and puts on its search path: `supabase start` passes [api] schemas and
// extra_search_path as PGRST_DB_SCHEMAS / PGRST_DB_EXTRA_SEARCH_PATH (CLI internal/start/start.go).
// Roster's API lives in `roster`, so that schema must be listed here, as on hosted projects.
export function exposedSchemas(): string[] {
  return readProjectConfig().api?.schemas ?? ["public"];
}

export function extraSearchPath(): string[] {
  return readProjectConfig().api?.extra_search_path ?? ["public", "extensions"];
}

export interface AuthSettings {
  // [auth.email] enable_confirmations (the CLI passes GOTRUE_MAILER_AUTOCONFIRM as its negation);
  // ROSTER_AUTH_CONFIRM=on|off overrides it for one stack, as hosted projects confirm by default.
  confirmEmail: boolean;
  // [auth.email] double_confirm_changes; GoTrue's default is true (internal/conf/configuration.go)
  doubleConfirmChanges: boolean;
  // [auth.email] secure_password_change (the CLI passes it as
  // GOTRUE_SECURITY_UPDATE_PASSWORD_REQUIRE_REAUTHENTICATION; supabase/cli internal/start/start.go)
  securePasswordChange: boolean;
}

export function authSettings(env: NodeJS.ProcessEnv = process.env): AuthSettings {
  const email = readProjectConfig().auth.email;
  const override = env.ROSTER_AUTH_CONFIRM;
  if (override !== undefined && override !== "on" && override !== "off")
    throw new Error(`ROSTER_AUTH_CONFIRM must be "on" or "off", not "${override}".`);
  return {
    confirmEmail: override ? override === "on" : (email?.enable_confirmations ?? false),
    doubleConfirmChanges: email?.double_confirm_changes ?? true,
    securePasswordChange: email?.secure_password_change ?? false,
  };
}
