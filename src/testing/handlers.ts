import { http, HttpResponse } from "msw";
import { env } from "@/config/env";

// A fake Supabase at VITE_SUPABASE_URL, answering what supabase-js calls, in the shapes Supabase
// Auth (GoTrue) and PostgREST answer with.

export const testUser = {
  id: "5c0b7a9e-3f0e-4d7a-9a57-2f6d3f1f4b10",
  email: "dana@acme.test",
  password: "correct-horse-battery",
  fullName: "Dana Owner",
};

const accessToken = "test-access-token";

// GoTrue's user (internal/models/user.go), with the `email` identity every email user has.
export function authUser() {
  return {
    id: testUser.id,
    aud: "authenticated",
    role: "authenticated",
    email: testUser.email,
    email_confirmed_at: "2025-01-01T00:00:00Z",
    phone: "",
    app_metadata: { provider: "email", providers: ["email"] },
    user_metadata: { full_name: testUser.fullName },
    identities: [
      {
        identity_id: "0b6f2a1e-8d0c-4d0e-9a3f-6f1b2c3d4e5f",
        id: testUser.id,
        user_id: testUser.id,
        identity_data: {
          email: testUser.email,
          email_verified: false,
          full_name: testUser.fullName,
          phone_verified: false,
          sub: testUser.id,
        },
        provider: "email",
        last_sign_in_at: "2025-01-01T00:00:00Z",
        created_at: "2025-01-01T00:00:00Z",
        updated_at: "2025-01-01T00:00:00Z",
        email: testUser.email,
      },
    ],
    is_anonymous: false,
    created_at: "2025-01-01T00:00:00Z",
    updated_at: "2025-01-01T00:00:00Z",
  };
}

/** An error body shaped like Supabase Auth's (GoTrue's). */
export function authError(status: number, code: string, msg: string) {
  return HttpResponse.json({ code, error_code: code, msg }, { status });
}

const auth = `${env.supabaseUrl}/auth/v1`;
const rest = `${env.supabaseUrl}/rest/v1`;

const functions = `${env.supabaseUrl}/functions/v1`;

/** The session Supabase Auth answers a successful sign-in with, for the test user. */
export function signedInSession() {
  const expiresIn = 3600;
  return {
    access_token: accessToken,
    token_type: "bearer",
    expires_in: expiresIn,
    expires_at: Math.floor(Date.now() / 1000) + expiresIn,
    refresh_token: "test-refresh-token",
    user: authUser(),
  };
}

export const handlers = [
  // Transfer emails are best effort and not shown: every test may trigger them.
  http.post(`${functions}/ownership-transfers`, () => HttpResponse.json({ results: [] })),
  http.post(`${auth}/token`, async ({ request }) => {
    const grantType = new URL(request.url).searchParams.get("grant_type");
    if (grantType !== "password") {
      return authError(400, "validation_failed", `unsupported grant_type ${grantType}`);
    }
    const { email, password } = (await request.json()) as { email?: string; password?: string };
    if (email !== testUser.email || password !== testUser.password) {
      return authError(400, "invalid_credentials", "Invalid login credentials");
    }
    return HttpResponse.json(signedInSession());
  }),

  http.get(`${auth}/user`, ({ request }) =>
    request.headers.get("authorization") === `Bearer ${accessToken}`
      ? HttpResponse.json(authUser())
      : authError(401, "bad_jwt", "invalid JWT"),
  ),

  http.post(`${auth}/logout`, () => new HttpResponse(null, { status: 204 })),

  // Known and unknown addresses get the same empty answer (GoTrue internal/api/recover.go).
  http.post(`${auth}/recover`, () => HttpResponse.json({})),

  // No table exists yet; tests that read data override this with server.use().
  http.get(`${rest}/*`, () => HttpResponse.json([])),
];
