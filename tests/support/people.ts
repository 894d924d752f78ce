// Real people for API and e2e tests: sign-ups through supabase-js, organizations and
// memberships built through the public RPCs, exactly as the SPA and the edge functions do.
import { signedUpClient, type Client } from "./clients.ts";

export interface Person {
  client: Client;
  email: string;
  userId: string;
  accessToken: string;
}

export async function signUp(label: string, fullName = `${label} person`): Promise<Person> {
  const { client, email, userId } = await signedUpClient(label, fullName);
  const { data } = await client.auth.getSession();
  return { client, email, userId, accessToken: data.session!.access_token };
}

export async function createOrganization(
  owner: Person,
  label: string,
): Promise<{ orgId: string; name: string; slug: string }> {
  const name = `${label} ${owner.userId.slice(0, 8)}`;
  const { data, error } = await owner.client.rpc("create_organization", { p_name: name });
  if (error || !data) throw error ?? new Error("create_organization returned nothing");
  return { orgId: data.id, name: data.name, slug: data.slug };
}

// A new signed-up user who joined `orgId` as `role` through an invitation token (no email).
export async function joinAs(
  inviter: { client: Client },
  orgId: string,
  role: string,
  label: string,
  fullName?: string,
): Promise<Person> {
  const person = await signUp(label, fullName);
  const { data, error } = await inviter.client.rpc("create_invitations", {
    p_org_id: orgId,
    p_emails: [person.email],
    p_role: role,
  });
  if (error || !data?.[0]?.token) throw error ?? new Error("no invitation token");
  const accepted = await person.client.rpc("accept_invitation", { p_token: data[0].token });
  if (accepted.error) throw accepted.error;
  return person;
}
