import assert from "node:assert/strict";
import { escapeHtml, invitationEmail } from "./templates.ts";

const hostile = {
  orgName: '<script>alert("org")</script> & Co',
  inviterName: 'Eve "<img src=x onerror=alert(1)>"',
  role: "member",
  expiresAt: new Date("2026-12-01T09:30:00Z"),
  acceptUrl: "https://app.example/invite/abc_DEF-123",
  message: "Join us </blockquote><a href='https://evil.example'>now</a>",
};

Deno.test("escapeHtml escapes the five HTML-significant characters", () => {
  assert.equal(
    escapeHtml(`<a href="x" title='y'>&</a>`),
    "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
  );
});

Deno.test("every user-supplied value is escaped in the HTML part", () => {
  const { html } = invitationEmail(hostile);
  assert.ok(!html.includes("<script>"));
  assert.ok(!html.includes("<img"));
  assert.ok(!html.includes("<a href='https://evil.example'>"));
  assert.ok(html.includes("&lt;script&gt;alert(&quot;org&quot;)&lt;/script&gt; &amp; Co"));
  assert.ok(html.includes("Eve &quot;&lt;img src=x onerror=alert(1)&gt;&quot;"));
  assert.ok(
    html.includes("&lt;/blockquote&gt;&lt;a href=&#39;https://evil.example&#39;&gt;now&lt;/a&gt;"),
  );
  // the only links are the accept link
  const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
  assert.deepEqual(hrefs, [hostile.acceptUrl, hostile.acceptUrl]);
});

Deno.test("the text part carries org, inviter, role, expiry, message and link verbatim", () => {
  const { text, subject } = invitationEmail(hostile);
  assert.ok(text.includes(hostile.orgName));
  assert.ok(text.includes(hostile.inviterName));
  assert.ok(text.includes("as Member"));
  assert.ok(text.includes("2026-12-01 09:30 UTC"));
  assert.ok(text.includes(hostile.message));
  assert.ok(text.includes(`\n${hostile.acceptUrl}\n`));
  assert.ok(subject.includes(hostile.orgName));
});

Deno.test("the subject cannot break out of its header line and is bounded", () => {
  const { subject } = invitationEmail({
    ...hostile,
    orgName: "Acme\r\nBcc: victim@example.com",
    inviterName: "x".repeat(300),
  });
  assert.ok(!/[\r\n]/.test(subject));
  assert.ok(subject.length <= 120);
});

Deno.test("no message, no quote block", () => {
  const { html, text } = invitationEmail({ ...hostile, message: "   " });
  assert.ok(!html.includes("<blockquote"));
  assert.ok(!text.includes("Message from"));
});
