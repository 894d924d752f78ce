// Shared by the edge-function API tests: real sign-ups through supabase-js, organizations
// built through the public RPCs, and calls to functions that keep the HTTP status.
import { FunctionsHttpError } from "@supabase/supabase-js";
import { signedUpClient, type Client } from "../support/clients.ts";

export interface Person {
  client: Client;
  email: string;
  userId: string;
  accessToken: string;
}

export interface FunctionAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
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

// A new signed-up user who joined `orgId` as `role` through an invitation token (RPCs only, no email).
export async function joinAs(
  inviter: Person,
  orgId: string,
  role: string,
  label: string,
): Promise<Person> {
  const person = await signUp(label);
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

// Calls a function with supabase-js, answering with the HTTP status and the JSON body for
// success and refusal alike.
export async function invoke<T = Record<string, unknown>>(
  client: Client,
  name: string,
  options: {
    body?: Record<string, unknown>;
    method?: "GET" | "POST";
    headers?: Record<string, string>;
  } = {},
): Promise<FunctionAnswer<T>> {
  const { data, error, response } = await client.functions.invoke(name, {
    method: options.method ?? "POST",
    body: options.body,
    headers: options.headers,
  });
  if (error instanceof FunctionsHttpError) {
    const context = error.context as Response;
    return { status: context.status, body: (await context.json()) as T, headers: context.headers };
  }
  if (error) throw error;
  return {
    status: response?.status ?? 200,
    body: data as T,
    headers: response?.headers ?? new Headers(),
  };
}
