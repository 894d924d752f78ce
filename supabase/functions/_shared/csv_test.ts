import assert from "node:assert/strict";
import { csvCell, csvRow } from "./csv.ts";

Deno.test("plain values pass through; null and undefined are empty cells", () => {
  assert.equal(csvCell("hello"), "hello");
  assert.equal(csvCell(42), "42");
  assert.equal(csvCell(true), "true");
  assert.equal(csvCell(null), "");
  assert.equal(csvCell(undefined), "");
});

Deno.test("RFC 4180: fields with quotes, commas, CR or LF are quoted, quotes doubled", () => {
  assert.equal(csvCell("a,b"), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell("line\nbreak"), '"line\nbreak"');
  assert.equal(csvCell("cr\rhere"), '"cr\rhere"');
  assert.equal(csvCell('"'), '""""');
});

Deno.test("rows end with CRLF", () => {
  assert.equal(csvRow(["a", "b,c", null]), 'a,"b,c",\r\n');
  assert.equal(csvRow([]), "\r\n");
});

Deno.test("cells starting with = + - @ tab or CR are neutralized", () => {
  assert.equal(csvCell("=SUM(A1:A2)"), "'=SUM(A1:A2)");
  assert.equal(csvCell("+1 555"), "'+1 555");
  assert.equal(csvCell("-2+3"), "'-2+3");
  assert.equal(csvCell("@handle"), "'@handle");
  assert.equal(csvCell("\t=1"), "'\t=1");
  assert.equal(csvCell('=HYPERLINK("http://x","y")'), '"\'=HYPERLINK(""http://x"",""y"")"');
  assert.equal(csvCell("\r=1"), '"\'\r=1"');
  // only the first character matters
  assert.equal(csvCell("a=b"), "a=b");
  assert.equal(csvCell(" =1"), " =1");
});

Deno.test("objects become JSON text, escaped like any other text", () => {
  assert.equal(csvCell({ role: "admin", n: 1 }), '"{""role"":""admin"",""n"":1}"');
  assert.equal(csvCell(-5), "'-5");
});
