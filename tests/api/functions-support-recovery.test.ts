// Support recovery: service role only (the function and the operators' npm script); refused
// with the anon key and with a user's key; audited with actor kind support.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonClient, serviceClient } from "../support/clients.ts";
import { closePools, ownerPool } from "../support/db.ts";
import { stackEnv } from "../support/stack.ts";
import { invoke } from "./functions-helpers.ts";
import { createOrganization, signUp, type Person } from "../support/people.ts";

const run = promisify(execFile);

async function membership(orgId: string, userId: string) {
  const { rows } = await ownerPool.query<{ role: string; status: string }>(
    "select role, status from roster.memberships where org_id = $1 and user_id = $2",
    [orgId, userId],
  );
  return rows[0];
}

async function supportEvents(orgId: string) {
  const { rows } = await ownerPool.query<{
    actor_kind: string;
    actor_email: string;
    reason: string;
    target_user_id: string;
  }>(
    `select actor_kind, actor_email, reason, target_user_id from roster.audit_events
     where org_id = $1 and action = 'support.access_restored' order by id`,
    [orgId],
  );
  return rows;
}

describe("support-recovery function", () => {
  let owner: Person;
  let rescuer: Person;
  let org: { orgId: string; slug: string };

  beforeAll(async () => {
    owner = await signUp("lost-owner");
    rescuer = await signUp("rescuer", "Rescued Person");
    org = await createOrganization(owner, "Locked Out");
  });

  afterAll(closePools);

  const request = (ticket: string) => ({
    org: org.slug,
    email: rescuer.email.toUpperCase(),
    ticket,
    operator: "Sam Support",
  });

  it("refuses the anon key and a user key, changing nothing", async () => {
    const asAnon = await invoke(anonClient(), "support-recovery", { body: request("T-1") });
    expect(asAnon.status).toBe(403);
    expect(asAnon.body).toEqual({ code: "42501", message: expect.any(String), hint: "forbidden" });

    const asUser = await invoke(rescuer.client, "support-recovery", { body: request("T-1") });
    expect(asUser.status).toBe(403);
    expect(asUser.body).toMatchObject({ hint: "forbidden" });

    const asOwner = await invoke(owner.client, "support-recovery", {
      body: { ...request("T-1"), email: owner.email },
    });
    expect(asOwner.status).toBe(403);

    const noKey = await fetch(`${stackEnv.API_URL}/functions/v1/support-recovery`, {
      method: "POST",
      body: JSON.stringify(request("T-1")),
    });
    expect(noKey.status).toBe(401);

    expect(await membership(org.orgId, rescuer.userId)).toBeUndefined();
    expect(await membership(org.orgId, owner.userId)).toEqual({ role: "owner", status: "active" });
    expect(await supportEvents(org.orgId)).toEqual([]);
  });

  it("restores an owner with the service role, audited as support", async () => {
    const restored = await invoke(serviceClient(), "support-recovery", { body: request("T-42") });
    expect(restored.status).toBe(200);
    expect(restored.body).toEqual({
      org_id: org.orgId,
      user_id: rescuer.userId,
      previous_owner_id: owner.userId,
    });
    expect(await membership(org.orgId, rescuer.userId)).toEqual({
      role: "owner",
      status: "active",
    });
    expect(await membership(org.orgId, owner.userId)).toEqual({ role: "admin", status: "active" });
    expect(await supportEvents(org.orgId)).toEqual([
      {
        actor_kind: "support",
        actor_email: "Sam Support",
        reason: "Ticket T-42",
        target_user_id: rescuer.userId,
      },
    ]);

    const again = await invoke(serviceClient(), "support-recovery", { body: request("T-43") });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ hint: "invalid_input" });

    const unknownOrg = await invoke(serviceClient(), "support-recovery", {
      body: { ...request("T-44"), org: "no-such-org-anywhere" },
    });
    expect(unknownOrg.status).toBe(404);
    expect(unknownOrg.body).toMatchObject({ hint: "not_found" });

    const missing = await invoke(serviceClient(), "support-recovery", {
      body: { org: org.slug, email: rescuer.email },
    });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ hint: "invalid_input" });
  });

  it("is what npm run support:restore calls", async () => {
    const env = {
      ...process.env,
      SUPABASE_URL: stackEnv.API_URL,
      SUPABASE_SERVICE_ROLE_KEY: stackEnv.SERVICE_ROLE_KEY,
    };
    const args = [
      "tsx",
      "scripts/support-restore.ts",
      "--org",
      org.orgId,
      "--email",
      owner.email,
      "--ticket",
      "T-77",
      "--operator",
      "Cli Operator",
    ];
    const { stdout } = await run("npx", args, { env });
    expect(stdout).toContain(`${owner.email} is now the owner of organization ${org.orgId}`);
    expect(await membership(org.orgId, owner.userId)).toEqual({ role: "owner", status: "active" });
    expect((await supportEvents(org.orgId)).at(-1)).toMatchObject({
      actor_email: "Cli Operator",
      reason: "Ticket T-77",
    });

    const refused = await run("npx", ["tsx", "scripts/support-restore.ts", "--org", org.slug], {
      env,
    }).catch((error: { code: number; stderr: string }) => error);
    expect(refused).toMatchObject({ code: 2 });
    expect((refused as { stderr: string }).stderr).toContain(
      "missing --email, --ticket, --operator",
    );
  });
});
