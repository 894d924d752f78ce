// `supabase functions deploy` ships the versions the tests ran. At CLI v2.104 deploy takes a
// function's import map from supabase/functions/<name>/deno.json (then deno.jsonc,
// import_map.json, then supabase/functions/import_map.json) and uploads only the source files
// its entrypoint reaches: never supabase/functions/deno.json nor deno.lock
// (internal/functions/deploy/deploy.go GetFunctionConfig, pkg/function/deploy.go writeForm).
// So each function maps every package it imports to an exact version in its own deno.json, the
// same one the local server and `deno test` resolve through supabase/functions/deno.json, and
// deno.lock records.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { functionNames, functionSources, functionsDir, specifiersIn } from "./functions.ts";

const readJson = <T>(path: string) => JSON.parse(readFileSync(path, "utf8")) as T;
const shared = readJson<{ imports: Record<string, string> }>(join(functionsDir, "deno.json"));
const lock = readJson<{ specifiers: Record<string, string> }>(join(functionsDir, "deno.lock"));
const exactNpm = /^npm:(@?[^@]+)@(\d+\.\d+\.\d+)$/;

describe("edge function dependencies are pinned the way deploy reads them", () => {
  it("maps each shared package to an exact version that deno.lock records", () => {
    for (const target of Object.values(shared.imports)) {
      const [, name, version] = target.match(exactNpm) ?? [];
      expect(name, target).toBeDefined();
      expect(lock.specifiers[target], target).toBe(version);
    }
  });

  it.each(functionNames)("%s has a deno.json mapping exactly what it imports", (name) => {
    const configFile = join(functionsDir, name, "deno.json");
    expect(existsSync(configFile)).toBe(true);
    const { imports } = readJson<{ imports: Record<string, string> }>(configFile);
    const packages = new Set(
      [...functionSources(name).values()]
        .flatMap(specifiersIn)
        .filter((specifier) => !specifier.startsWith(".") && !specifier.startsWith("node:")),
    );
    // Inline npm:, jsr: or URL imports would bypass the map and float at deploy.
    expect([...packages].filter((specifier) => specifier.includes(":"))).toEqual([]);
    expect(Object.keys(imports).sort()).toEqual([...packages].sort());
    for (const [specifier, target] of Object.entries(imports))
      expect(target, specifier).toBe(shared.imports[specifier]);
  });
});
