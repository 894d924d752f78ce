// Users, sessions and refresh tokens in the auth schema, as GoTrue keeps them.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import { SignJWT, jwtVerify, errors as joseErrors } from "jose";
import pg from "pg";
import { AuthError } from "./http.ts";

export const accessTokenLifetimeSeconds = 3600;

interface UserRow {
  id: string;
  aud: string;
  role: string;
  email: string;
  encrypted_password: string | null;
  email_confirmed_at: Date | null;
  last_sign_in_at: Date | null;
  raw_app_meta_data: Record<string, unknown>;
  raw_user_meta_data: Record<string, unknown>;
  confirmed_at: Date | null;
  created_at: Date;
  updated_at: Date;
  banned_until: Date | null;
  is_anonymous: boolean;
  email_change: string;
  invited_at: Date | null;
  confirmation_sent_at: Date | null;
  recovery_sent_at: Date | null;
  email_change_sent_at: Date | null;
  reauthentication_sent_at: Date | null;
  // not a column: loaded with the user by the queries below (userWithIdentities)
  identities: IdentityRow[];
}

interface IdentityRow {
  id: string;
  provider_id: string;
  user_id: string;
  identity_data: Record<string, unknown>;
  provider: string;
  last_sign_in_at: string | null;
  created_at: string;
  updated_at: string;
  email: string | null;
}

export type AuthMethod = "password" | "otp" | "magiclink";

export interface AccessClaims {
  sub: string;
  role: string;
  session_id?: string;
}

// The user as GoTrue serialises it (supabase/auth internal/models/user.go and identity.go json
// tags): optional timestamps and new_email are left out when empty, identities are always there.
export function userJson(user: UserRow) {
  const optional = (entries: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(entries).filter(([, value]) => value !== null && value !== ""),
    );
  return {
    id: user.id,
    aud: user.aud,
    role: user.role,
    email: user.email,
    ...optional({
      email_confirmed_at: user.confirmed_at,
      invited_at: user.invited_at,
    }),
    phone: "",
    ...optional({
      confirmation_sent_at: user.confirmation_sent_at,
      confirmed_at: user.confirmed_at,
      recovery_sent_at: user.recovery_sent_at,
      new_email: user.email_change,
      email_change_sent_at: user.email_change_sent_at,
      reauthentication_sent_at: user.reauthentication_sent_at,
      last_sign_in_at: user.last_sign_in_at,
    }),
    app_metadata: user.raw_app_meta_data,
    user_metadata: user.raw_user_meta_data,
    identities: user.identities.map((identity) => ({
      identity_id: identity.id,
      id: identity.provider_id,
      user_id: identity.user_id,
      identity_data: identity.identity_data,
      provider: identity.provider,
      ...optional({ last_sign_in_at: identity.last_sign_in_at }),
      created_at: identity.created_at,
      updated_at: identity.updated_at,
      ...optional({ email: identity.email }),
    })),
    created_at: user.created_at,
    updated_at: user.updated_at,
    ...optional({ banned_until: user.banned_until }),
    is_anonymous: user.is_anonymous,
  };
}

// A user row with its identities, for `select <this> from auth.users` or `returning <this>`.
const userWithIdentities = `users.*, (select coalesce(jsonb_agg(i order by i.created_at), '[]')
  from auth.identities i where i.user_id = users.id) as identities`;

export function normalizeEmail(raw: string | undefined): string {
  const email = raw?.trim().toLowerCase() ?? "";
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 255) {
    throw new AuthError(
      400,
      "validation_failed",
      "Unable to validate email address: invalid format",
    );
  }
  return email;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export class AuthStore {
  private readonly secret: Uint8Array;

  constructor(
    private readonly pool: pg.Pool,
    jwtSecret: string,
    private readonly issuer: string,
  ) {
    this.secret = new TextEncoder().encode(jwtSecret);
  }

  async findUserByEmail(email: string): Promise<UserRow | undefined> {
    const { rows } = await this.pool.query<UserRow>(
      `select ${userWithIdentities} from auth.users where email = $1 and deleted_at is null`,
      [email],
    );
    return rows[0];
  }

  async findUserById(id: string): Promise<UserRow | undefined> {
    const { rows } = await this.pool.query<UserRow>(
      `select ${userWithIdentities} from auth.users where id = $1 and deleted_at is null`,
      [id],
    );
    return rows[0];
  }

  async listUsers(page: number, perPage: number): Promise<UserRow[]> {
    const { rows } = await this.pool.query<UserRow>(
      `select ${userWithIdentities} from auth.users where deleted_at is null order by created_at, id limit $1 offset $2`,
      [perPage, (page - 1) * perPage],
    );
    return rows;
  }

  // Writes a new email user the way GoTrue does (supabase/auth internal/api/signup.go and
  // admin.go): the all-zeros instance id, '' in the token columns it scans as strings, and an
  // `email` identity whose provider_id is the user id. Sign-up copies the user's metadata into
  // identity_data and leaves email_verified false there even when it autoconfirms; the admin API
  // sets it from email_confirm. Confirming adds email_verified to the user's metadata
  // (User.Confirm in internal/models/user.go).
  async createUser(input: {
    email: string;
    password?: string;
    confirmed: boolean;
    userMetadata?: Record<string, unknown>;
    appMetadata?: Record<string, unknown>;
    via?: "signup" | "admin";
  }): Promise<UserRow> {
    if (input.password !== undefined) assertStrongPassword(input.password);
    const passwordHash =
      input.password === undefined ? null : await bcrypt.hash(input.password, 10);
    const appMetadata = { provider: "email", providers: ["email"], ...input.appMetadata };
    const userMetadata = {
      ...input.userMetadata,
      ...(input.confirmed ? { email_verified: true } : {}),
    };
    const id = randomUUID();
    const identityData = {
      ...(input.via === "admin" ? {} : input.userMetadata),
      sub: id,
      email: input.email,
      email_verified: input.via === "admin" && input.confirmed,
      phone_verified: false,
    };
    try {
      const { rows } = await this.pool.query<UserRow>(
        `with new_user as (
           insert into auth.users (instance_id, id, aud, role, email, encrypted_password,
             email_confirmed_at, confirmation_token, recovery_token, email_change_token_new,
             email_change, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
           values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated',
             $2, $3, case when $4 then now() end, '', '', '', '', $5, $6, now(), now())
           returning *
         ), identity as (
           insert into auth.identities (provider_id, user_id, identity_data, provider,
             last_sign_in_at, created_at, updated_at)
           select id::text, id, $7, 'email', now(), now(), now() from new_user
           returning *
         )
         select new_user.*, (select jsonb_agg(identity) from identity) as identities from new_user`,
        [id, input.email, passwordHash, input.confirmed, appMetadata, userMetadata, identityData],
      );
      return rows[0]!;
    } catch (error) {
      if ((error as { code?: string }).code === "23505") {
        throw new AuthError(422, "user_already_exists", "User already registered");
      }
      throw error;
    }
  }

  async updateUser(
    id: string,
    changes: {
      email?: string;
      password?: string;
      userMetadata?: Record<string, unknown>;
      appMetadata?: Record<string, unknown>;
      bannedUntil?: Date | null;
    },
  ): Promise<UserRow> {
    if (changes.password !== undefined) assertStrongPassword(changes.password);
    const passwordHash =
      changes.password === undefined ? null : await bcrypt.hash(changes.password, 10);
    const { rows } = await this.pool.query<UserRow>(
      `update auth.users set
         email = coalesce($2, email),
         encrypted_password = coalesce($3, encrypted_password),
         raw_user_meta_data = raw_user_meta_data || coalesce($4, '{}'::jsonb),
         raw_app_meta_data = raw_app_meta_data || coalesce($5, '{}'::jsonb),
         banned_until = case when $6 then $7 else banned_until end,
         updated_at = now()
       where id = $1 and deleted_at is null returning ${userWithIdentities}`,
      [
        id,
        changes.email ?? null,
        passwordHash,
        changes.userMetadata ?? null,
        changes.appMetadata ?? null,
        changes.bannedUntil !== undefined,
        changes.bannedUntil ?? null,
      ],
    );
    if (!rows[0]) throw new AuthError(404, "user_not_found", "User not found");
    return rows[0];
  }

  async deleteUser(id: string): Promise<void> {
    const result = await this.pool.query("delete from auth.users where id = $1", [id]);
    if (result.rowCount === 0) throw new AuthError(404, "user_not_found", "User not found");
  }

  async verifyPassword(email: string, password: string): Promise<UserRow> {
    const user = await this.findUserByEmail(email);
    // Compare against a dummy hash for unknown users so timing does not reveal who exists.
    const hash =
      user?.encrypted_password ?? "$2a$10$CwTycUXWue0Thq9StjUM0uJ8Zk0u0r8Cq2b8wQJdE6jEyBFWLUvcq";
    const matches = await bcrypt.compare(password, hash);
    if (!user || !matches)
      throw new AuthError(400, "invalid_credentials", "Invalid login credentials");
    return user;
  }

  // Issues a new session: an access token and the first refresh token of its chain.
  async startSession(user: UserRow, method: AuthMethod) {
    assertNotBanned(user);
    const sessionId = randomUUID();
    await this.pool.query(
      `insert into auth.sessions (id, user_id, created_at, updated_at, aal) values ($1, $2, now(), now(), 'aal1')`,
      [sessionId, user.id],
    );
    const { rows } = await this.pool.query<UserRow>(
      `update auth.users set last_sign_in_at = now() where id = $1 returning ${userWithIdentities}`,
      [user.id],
    );
    return this.issueTokens(rows[0]!, sessionId, method, null);
  }

  // Rotates a refresh token. Presenting one that was already rotated means it leaked:
  // the whole session is revoked, as GoTrue does.
  async refresh(token: string) {
    const client = await this.pool.connect();
    try {
      await client.query("begin");
      const { rows } = await client.query<{
        revoked: boolean;
        session_id: string;
        user_id: string;
      }>(
        "select revoked, session_id, user_id from auth.refresh_tokens where token = $1 for update",
        [token],
      );
      const row = rows[0];
      if (!row)
        throw new AuthError(
          400,
          "refresh_token_not_found",
          "Invalid Refresh Token: Refresh Token Not Found",
        );
      if (row.revoked) {
        await client.query("delete from auth.sessions where id = $1", [row.session_id]);
        await client.query("commit");
        throw new AuthError(
          400,
          "refresh_token_already_used",
          "Invalid Refresh Token: Already Used",
        );
      }
      await client.query(
        "update auth.refresh_tokens set revoked = true, updated_at = now() where token = $1",
        [token],
      );
      await client.query("commit");
      const user = await this.findUserById(row.user_id);
      if (!user)
        throw new AuthError(
          400,
          "refresh_token_not_found",
          "Invalid Refresh Token: Refresh Token Not Found",
        );
      assertNotBanned(user);
      return this.issueTokens(user, row.session_id, "password", token);
    } catch (error) {
      await client.query("rollback").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async issueTokens(
    user: UserRow,
    sessionId: string,
    method: AuthMethod,
    parent: string | null,
  ) {
    const refreshToken = randomBytes(16).toString("base64url");
    await this.pool.query(
      `insert into auth.refresh_tokens (token, user_id, revoked, created_at, updated_at, parent, session_id)
       values ($1, $2, false, now(), now(), $3, $4)`,
      [refreshToken, user.id, parent, sessionId],
    );
    const now = Math.floor(Date.now() / 1000);
    const expiresAt = now + accessTokenLifetimeSeconds;
    const accessToken = await new SignJWT({
      aud: "authenticated",
      role: "authenticated",
      email: user.email,
      phone: "",
      app_metadata: user.raw_app_meta_data,
      user_metadata: user.raw_user_meta_data,
      aal: "aal1",
      amr: [{ method, timestamp: now }],
      session_id: sessionId,
      is_anonymous: user.is_anonymous,
    })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setSubject(user.id)
      .setIssuer(this.issuer)
      .setIssuedAt(now)
      .setExpirationTime(expiresAt)
      .sign(this.secret);
    return {
      access_token: accessToken,
      token_type: "bearer",
      expires_in: accessTokenLifetimeSeconds,
      expires_at: expiresAt,
      refresh_token: refreshToken,
      user: userJson(user),
    };
  }

  async verifyAccessToken(authorization: string | undefined): Promise<AccessClaims> {
    const token = authorization?.match(/^Bearer (.+)$/i)?.[1];
    if (!token)
      throw new AuthError(401, "no_authorization", "This endpoint requires a Bearer token");
    try {
      const { payload } = await jwtVerify(token, this.secret, { algorithms: ["HS256"] });
      if (typeof payload.role !== "string")
        throw new AuthError(403, "bad_jwt", "invalid JWT: role claim missing");
      return payload as unknown as AccessClaims;
    } catch (error) {
      if (error instanceof AuthError) throw error;
      const expired = error instanceof joseErrors.JWTExpired;
      throw new AuthError(
        403,
        "bad_jwt",
        expired
          ? "invalid JWT: token is expired"
          : "invalid JWT: unable to parse or verify signature",
      );
    }
  }

  // A user's access token is only good while its session exists (sign-out deletes it).
  async requireUser(
    authorization: string | undefined,
  ): Promise<{ user: UserRow; sessionId: string }> {
    const claims = await this.verifyAccessToken(authorization);
    if (claims.role !== "authenticated" || !claims.session_id) {
      throw new AuthError(403, "bad_jwt", "invalid claim: missing sub claim");
    }
    const { rowCount } = await this.pool.query("select 1 from auth.sessions where id = $1", [
      claims.session_id,
    ]);
    if (!rowCount)
      throw new AuthError(
        403,
        "session_not_found",
        "Session from session_id claim in JWT does not exist",
      );
    const user = await this.findUserById(claims.sub);
    if (!user)
      throw new AuthError(403, "user_not_found", "User from sub claim in JWT does not exist");
    return { user, sessionId: claims.session_id };
  }

  async requireServiceRole(authorization: string | undefined): Promise<void> {
    const claims = await this.verifyAccessToken(authorization);
    if (claims.role !== "service_role") throw new AuthError(403, "not_admin", "User not allowed");
  }

  async endSessions(userId: string, sessionId: string, scope: string): Promise<void> {
    if (scope === "global")
      await this.pool.query("delete from auth.sessions where user_id = $1", [userId]);
    else if (scope === "others")
      await this.pool.query("delete from auth.sessions where user_id = $1 and id <> $2", [
        userId,
        sessionId,
      ]);
    else await this.pool.query("delete from auth.sessions where id = $1", [sessionId]);
  }

  // One secret per email, as GoTrue sends it (internal/api/magic_link.go): a 6-digit code to type,
  // and its hash, which the link carries. GoTrue keeps one row per user and purpose: a confirmed
  // user signs in with a recovery token, an unconfirmed one confirms with a confirmation token.
  async createOneTimeTokens(user: UserRow): Promise<{ code: string; tokenHash: string }> {
    const code = String(Math.floor(Math.random() * 1_000_000)).padStart(6, "0");
    const tokenHash = hashToken(`${user.email}:${code}`);
    await this.pool.query(
      `insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to)
       values ($1, $2, $3, $4, $5)
       on conflict (user_id, token_type) do update
         set token_hash = excluded.token_hash, relates_to = excluded.relates_to,
             created_at = now(), updated_at = now()`,
      [
        randomUUID(),
        user.id,
        user.email_confirmed_at ? "recovery_token" : "confirmation_token",
        tokenHash,
        user.email,
      ],
    );
    return { code, tokenHash };
  }

  // Consumes a one-time secret (single use, valid one hour) and confirms the email it was sent to.
  async consumeOneTimeToken(tokenHash: string): Promise<UserRow> {
    const { rows } = await this.pool.query<{ user_id: string }>(
      `delete from auth.one_time_tokens where token_hash = $1 and created_at > now() - interval '1 hour' returning user_id`,
      [tokenHash],
    );
    if (!rows[0]) throw new AuthError(403, "otp_expired", "Token has expired or is invalid");
    // GoTrue's User.Confirm clears every one-time token of the user
    await this.pool.query("delete from auth.one_time_tokens where user_id = $1", [rows[0].user_id]);
    const { rows: users } = await this.pool.query<UserRow>(
      `update auth.users set email_confirmed_at = coalesce(email_confirmed_at, now()) where id = $1 returning ${userWithIdentities}`,
      [rows[0].user_id],
    );
    return users[0]!;
  }
}

function assertStrongPassword(password: string): void {
  if (password.length < 6) {
    throw new AuthError(422, "weak_password", "Password should be at least 6 characters.");
  }
}

function assertNotBanned(user: UserRow): void {
  if (user.banned_until && user.banned_until > new Date())
    throw new AuthError(400, "user_banned", "User is banned");
}
