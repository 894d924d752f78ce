// The JavaScript a first visit downloads before anything renders: the entry script and the
// chunks index.html preloads, gzipped. Routes load lazily on top of this.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export const initialJsBudgetKb = 150;

export async function initialJsGzipKb(
  distDir: string,
): Promise<{ totalKb: number; files: Record<string, number> }> {
  const html = await readFile(join(distDir, "index.html"), "utf8");
  const scripts = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map(
    (match) => match[1]!,
  );
  const files: Record<string, number> = {};
  for (const script of scripts)
    files[script] = gzipSync(await readFile(join(distDir, script))).length / 1000;
  return { totalKb: Object.values(files).reduce((sum, kb) => sum + kb, 0), files };
}
