// The mail catcher: MailDev's real SMTP server, with a web inbox and an HTTP API (/api/email).
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { StackConfig } from "./config.ts";
import { startProcess, waitForHttp, type ManagedProcess } from "./process.ts";

export async function startMailCatcher(config: StackConfig): Promise<ManagedProcess> {
  const bin = join(dirname(fileURLToPath(import.meta.resolve("maildev"))), "bin", "maildev.js");
  const proc = startProcess(
    "mail",
    process.execPath,
    [
      bin,
      "--smtp",
      String(config.ports.smtp),
      "--web",
      String(config.ports.inbox),
      "--ip",
      "127.0.0.1",
      "--web-ip",
      "127.0.0.1",
      "--mail-directory",
      join(config.stateDir, "mail"),
    ],
    { logDir: join(config.stateDir, "logs") },
  );
  await waitForHttp(
    `http://127.0.0.1:${config.ports.inbox}/api/email`,
    "mail catcher",
    30_000,
    proc.child,
  );
  return proc;
}
