// The edge functions as the Supabase CLI sees them: every supabase/functions/<name>/index.ts
// outside `_`-prefixed folders (internal/functions/deploy/deploy.go GetFunctionSlugs), with the
// source files each one imports.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

export const root = resolve(import.meta.dirname, "..", "..");
export const functionsDir = join(root, "supabase", "functions");

export const functionNames = readdirSync(functionsDir).filter(
  (name) => !name.startsWith("_") && existsSync(join(functionsDir, name, "index.ts")),
);

// Relative imports are followed; every other specifier (bare, npm:, node:, URL) is a leaf.
const specifierPattern = /(?:from\s+|import\s*\(\s*|@ts-types=)"([^"]+)"/g;

export function specifiersIn(source: string): string[] {
  return [...source.matchAll(specifierPattern)].map((match) => match[1]!);
}

// Source text of every file the function's index.ts reaches, keyed by path.
export function functionSources(name: string): Map<string, string> {
  const sources = new Map<string, string>();
  const visit = (file: string) => {
    if (sources.has(file)) return;
    const source = readFileSync(file, "utf8");
    sources.set(file, source);
    for (const specifier of specifiersIn(source))
      if (specifier.startsWith(".")) visit(resolve(dirname(file), specifier));
  };
  visit(join(functionsDir, name, "index.ts"));
  return sources;
}
