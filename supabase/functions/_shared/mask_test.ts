import assert from "node:assert/strict";
import { maskEmail } from "./mask.ts";

Deno.test("keeps the first character and the domain", () => {
  assert.equal(maskEmail("sofia@tehrandental.co"), "s***@tehrandental.co");
  assert.equal(maskEmail("a@b.io"), "a***@b.io");
});

Deno.test("hides the length of the local part", () => {
  assert.equal(maskEmail("x@example.com"), maskEmail("xylophone.player@example.com"));
  assert.equal(maskEmail("xylophone.player@example.com"), "x***@example.com");
});

Deno.test("masks on the last @ and never echoes a malformed value", () => {
  assert.equal(maskEmail('"a@b"@example.com'), '"***@example.com');
  assert.equal(maskEmail("no-at-sign"), "***");
  assert.equal(maskEmail("@example.com"), "***");
  assert.equal(maskEmail("émile@example.fr"), "é***@example.fr");
});
