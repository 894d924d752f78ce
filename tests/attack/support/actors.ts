// Real people for the attack suite: accounts made through Supabase Auth's HTTP API (the answer
// to a sign-up is a session, as on local Supabase), and organizations, invitations and
// memberships made through the public RPCs, all over HTTP.
import { testPassword } from "../../support/clients.ts";
import { uniqueEmail } from "../../support/emails.ts";
import { call, ok, rpc } from "./http.ts";

export interface Actor {
  email: string;
  userId: string;
  /** A real access token, signed by the auth service. */
  token: string;
}

export interface Org {
  id: string;
  name: string;
}

/** Everyone this test file signed up: the invariant checker looks at their organizations. */
export const people = new Set<string>();

export async function signUp(label: string, email = uniqueEmail(label)): Promise<Actor> {
  const session = ok<{ access_token: string; user: { id: string } }>(
    await call({
      path: "/auth/v1/signup",
      body: { email, password: testPassword, data: { full_name: `${label} attacker` } },
    }),
    `sign up ${email}`,
  );
  people.add(session.user.id);
  return { email, userId: session.user.id, token: session.access_token };
}

export async function createOrg(owner: Actor, label = "Attack"): Promise<Org> {
  const name = `${label} ${Math.random().toString(36).slice(2, 10)}`;
  const org = ok<{ id: string; name: string }>(
    await rpc(owner.token, "create_organization", { p_name: name }),
    "create_organization",
  );
  return { id: org.id, name: org.name };
}

export interface Invitation {
  invitationId: string;
  token: string;
}

export async function invite(
  inviter: Actor,
  orgId: string,
  email: string,
  role = "member",
): Promise<Invitation> {
  const [row] = ok<Array<{ invitation_id: string; token: string }>>(
    await rpc(inviter.token, "create_invitations", {
      p_org_id: orgId,
      p_emails: [email],
      p_role: role,
    }),
    "create_invitations",
  );
  return { invitationId: row!.invitation_id, token: row!.token };
}

/** `person` joins `orgId` as `role` by accepting an invitation from `inviter`. */
export async function join(inviter: Actor, orgId: string, person: Actor, role: string) {
  const { token } = await invite(inviter, orgId, person.email, role);
  ok(await rpc(person.token, "accept_invitation", { p_token: token }), "accept_invitation");
}

/** Runs `work` for 0..count-1, at most `width` at a time, results in order. */
export async function inBatches<T>(
  count: number,
  width: number,
  work: (index: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await work(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, worker));
  return results;
}
