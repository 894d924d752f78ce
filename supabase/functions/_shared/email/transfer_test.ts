import assert from "node:assert/strict";
import { transferEmail } from "./transfer.ts";

const base = {
  orgName: '<b>Acme</b> & "Co"',
  fromName: "Amelia <script>",
  toName: "Priya",
  expiresAt: new Date("2026-12-01T09:30:00Z"),
  url: "https://app.example/o/acme",
};

Deno.test("the request tells the target who asks and until when", () => {
  const { subject, text, html } = transferEmail({ ...base, kind: "pending" });
  assert.equal(subject, 'Amelia <script> wants to make you the owner of <b>Acme</b> & "Co"');
  assert.ok(text.includes("expires on 2026-12-01 09:30 UTC"));
  assert.ok(!html.includes("<script>"));
  assert.ok(!html.includes("<b>Acme"));
});

Deno.test("each outcome has its own subject for the owner", () => {
  const subjects = (["accepted", "declined", "expired"] as const).map(
    (kind) => transferEmail({ ...base, orgName: "Acme", kind }).subject,
  );
  assert.deepEqual(subjects, [
    "Priya is now the owner of Acme",
    "Priya declined ownership of Acme",
    "Your ownership transfer of Acme expired",
  ]);
});
