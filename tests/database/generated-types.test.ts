// The committed src/types/database.types.ts must be what the generator makes of the live schema.
import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";
import { generateDatabaseTypes, typesFile } from "../../scripts/db-types.ts";
import { stackEnv } from "../support/stack.ts";

it("has committed database types generated from the current migrations (npm run db:types)", async () => {
  const generated = await generateDatabaseTypes(stackEnv.DB_URL);
  expect(await readFile(typesFile, "utf8")).toBe(generated);
});
