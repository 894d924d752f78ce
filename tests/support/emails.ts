// A unique address per call, so tests never collide with each other or with seed data.
import { randomUUID } from "node:crypto";

export function uniqueEmail(label = "user"): string {
  return `${label}-${randomUUID().slice(0, 8)}@test.roster.dev`;
}
