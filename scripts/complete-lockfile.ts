// npm run lock:complete — run after changing dependencies.
// The npm registry mirror these machines use serves only the linux-x64 builds of some native
// packages, so `npm install` cannot record the other platforms' optional binaries in
// package-lock.json, and `npm ci` then refuses the lock as out of sync. This adds the entries
// npm would have written (name, version, os/cpu/libc), which npm ci skips on other platforms.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { projectRoot } from "../supabase/local/config.ts";

interface LockEntry {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  optionalDependencies?: Record<string, string>;
}

const osNames = [
  "android",
  "darwin",
  "freebsd",
  "linux",
  "win32",
  "openharmony",
  "sunos",
  "aix",
  "netbsd",
  "openbsd",
];
const cpuNames = [
  "arm64",
  "x64",
  "ia32",
  "arm",
  "loong64",
  "ppc64",
  "riscv64",
  "s390x",
  "wasm32",
  "mips64el",
];

// Reads the platform from a binary package's name, e.g. `@scope/pkg-linux-arm-gnueabihf`.
export function platformOf(name: string): Pick<LockEntry, "os" | "cpu" | "libc"> {
  const parts = name.split("/").pop()!.split("-");
  const os = parts.find((p) => osNames.includes(p));
  const cpu = parts.find((p) => cpuNames.includes(p));
  const libc = parts.some((p) => p.startsWith("musl"))
    ? "musl"
    : parts.some((p) => p === "gnu" || p === "glibc")
      ? "glibc"
      : undefined;
  return { ...(os && { os: [os] }), ...(cpu && { cpu: [cpu] }), ...(libc && { libc: [libc] }) };
}

async function main(): Promise<void> {
  const file = join(projectRoot, "package-lock.json");
  const lock = JSON.parse(await readFile(file, "utf8")) as { packages: Record<string, LockEntry> };
  const added: string[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
      const nested = `${path ? `${path}/` : ""}node_modules/${name}`;
      if (lock.packages[nested] || lock.packages[`node_modules/${name}`]) continue;
      lock.packages[`node_modules/${name}`] = {
        version: spec.replace(/^[v=^~]/, ""),
        ...platformOf(name),
        ...(entry.dev && { dev: true }),
        optional: true,
      };
      added.push(name);
    }
  }
  lock.packages = Object.fromEntries(
    Object.entries(lock.packages).sort(([a], [b]) =>
      a === "" ? -1 : b === "" ? 1 : a.localeCompare(b),
    ),
  );
  await writeFile(file, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(
    added.length
      ? `recorded ${added.length} other-platform optional packages`
      : "lockfile already complete",
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
