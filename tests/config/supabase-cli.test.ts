// `supabase start` works out of the box with supabase/config.toml: GoTrue accepts every URL the
// SPA asks auth emails to return to, and each edge function finds the environment it requires.
// Docker is not available here, so this reads the file the CLI reads and applies the rules of
// the versions the CLI v2.104 runs (GoTrue v2.189).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { paths } from "../../src/config/paths.ts";
import { functionsWithoutJwtCheck } from "../../supabase/local/functions.ts";
import { functionNames, functionSources, root } from "./functions.ts";

interface CliConfig {
  auth: { site_url: string; additional_redirect_urls: string[] };
  edge_runtime: { secrets?: Record<string, string> };
}
const config = parse(
  readFileSync(join(root, "supabase", "config.toml"), "utf8"),
) as unknown as CliConfig;

// gobwas/glob as GoTrue compiles additional_redirect_urls: glob.MustCompile(uri, '.', '/')
// (internal/conf/configuration.go). `*` and `?` stop at a separator, `**` does not, `\` escapes.
// Character classes and alternatives are refused here so that using one fails this test
// instead of being judged by a rule that differs from GoTrue's.
function globToRegExp(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === "*" && pattern[i + 1] === "*") {
      source += ".*";
      i++;
    } else if (char === "*") source += "[^./]*";
    else if (char === "?") source += "[^./]";
    else if (char === "\\") source += (pattern[++i] ?? "").replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    else if ("[]{}".includes(char)) throw new Error(`glob feature not modelled here: ${pattern}`);
    else source += char.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

// The allow-list part of GoTrue's IsRedirectURLValid (internal/utilities/request.go): the URL
// without its fragment must match one pattern. (GoTrue also accepts any URL on site_url's host
// and any loopback IP; the list must work without leaning on those.)
function allowListed(url: string): boolean {
  const [withoutFragment] = url.split("#");
  return config.auth.additional_redirect_urls.some((pattern) =>
    globToRegExp(pattern).test(withoutFragment!),
  );
}

// Every href the route registry can produce, with an argument holding the characters tokens
// (base64url) and slugs use plus a dot (a glob separator), and the sign-in/sign-up pages coming
// back to each of them, which is what the SPA passes as emailRedirectTo (src/app/routes/
// invite.tsx, sign-in.tsx, sign-up.tsx).
function spaRedirectPaths(): string[] {
  const sample = "Zm9vYmFy_LW1lbWJlcnM-tehran-dental.b42xYz0123456789abcdefghijklm";
  const targets = Object.values(paths).map((route) => route.getHref(sample));
  const withQuery = `${paths.audit.getHref("tehran-dental")}?q=amelia%40tehrandental.co&from=2026-01-01`;
  return [
    ...targets,
    withQuery,
    ...[...targets, withQuery].flatMap((target) => [
      paths.signIn.getHref(target),
      paths.signUp.getHref(target),
    ]),
  ];
}

describe("supabase/config.toml under supabase start (CLI v2.104, GoTrue v2.189)", () => {
  it("allows every path the SPA redirects to, on localhost and 127.0.0.1", () => {
    const port = new URL(config.auth.site_url).port;
    const refused = ["localhost", "127.0.0.1"].flatMap((host) =>
      spaRedirectPaths()
        .map((path) => `http://${host}:${port}${path}#email=a%40b.co`)
        .filter((url) => !allowListed(url)),
    );
    expect(refused).toEqual([]);
  });

  it("models GoTrue's glob rule: * stops at . and /, ** does not", () => {
    expect(globToRegExp("http://localhost:5173").test("http://localhost:5173/invite/x")).toBe(
      false,
    );
    expect(globToRegExp("http://localhost:5173/*").test("http://localhost:5173/o/x/members")).toBe(
      false,
    );
    expect(globToRegExp("http://localhost:5173/**").test("http://localhost:5173/o/x/members")).toBe(
      true,
    );
    expect(globToRegExp("http://*.example.com/**").test("http://evil.com/.example.com/")).toBe(
      false,
    );
  });

  // What the CLI gives every function: internal/functions/serve/serve.go (ServeFunctions) and
  // templates/main.ts, which adds SUPABASE_PUBLISHABLE_KEYS / SUPABASE_SECRET_KEYS.
  const fromCli = new Set([
    "SUPABASE_URL",
    "SUPABASE_ANON_KEY",
    "SUPABASE_SERVICE_ROLE_KEY",
    "SUPABASE_DB_URL",
    "SUPABASE_JWKS",
    "SUPABASE_PUBLISHABLE_KEYS",
    "SUPABASE_SECRET_KEYS",
  ]);

  // The variables a function cannot run without: requireEnv("X") or Deno.env.get("X")! anywhere
  // in the files it imports.
  function requiredEnv(name: string): Set<string> {
    const required = new Set<string>();
    for (const source of functionSources(name).values())
      for (const [, viaHelper, asserted] of source.matchAll(
        /requireEnv\("([A-Z0-9_]+)"\)|Deno\.env\.get\("([A-Z0-9_]+)"\)!/g,
      ))
        required.add((viaHelper ?? asserted)!);
    return required;
  }

  it.each(functionNames)("gives %s every variable it requires", (name) => {
    const secrets = new Set(Object.keys(config.edge_runtime.secrets ?? {}));
    const missing = [...requiredEnv(name)].filter(
      (variable) => !fromCli.has(variable) && !secrets.has(variable),
    );
    expect(missing).toEqual([]);
  });

  it("sends invitation email to the CLI's Mailpit and links to the SPA", () => {
    const secrets = config.edge_runtime.secrets ?? {};
    // Mailpit's network alias and SMTP port inside the CLI's Docker network
    // (internal/utils/config.go InbucketAliases; internal/start/start.go GOTRUE_SMTP_PORT=1025).
    expect(secrets).toMatchObject({
      EMAIL_TRANSPORT: "smtp",
      SMTP_HOST: "inbucket",
      SMTP_PORT: "1025",
    });
    expect(secrets.SITE_URL).toBe(config.auth.site_url);
  });
});

// Supabase documents verify_jwt as incompatible with signing keys and sb_ API keys, so every
// function checks its caller itself (functions/_shared/auth.ts); the local gateway must then let
// every function through, reading config.toml as the CLI does.
describe("verify_jwt", () => {
  it("is off for every function, and the local gateway reads exactly that", async () => {
    const sections = (config as { functions?: Record<string, { verify_jwt?: boolean }> }).functions;
    for (const name of functionNames) expect(sections?.[name]?.verify_jwt, name).toBe(false);
    expect([...(await functionsWithoutJwtCheck())].sort()).toEqual([...functionNames].sort());
  });
});
