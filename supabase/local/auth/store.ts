// Users, sessions and refresh tokens in the auth schema, as GoTrue keeps them.
import { createHash, randomBytes, randomInt, randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import {
  SignJWT,
  importJWK,
  jwtVerify,
  errors as joseErrors,
  type CryptoKey,
  type JWTHeaderParameters,
} from "jose";
import pg from "pg";
import { AuthError } from "./http.ts";
import type { JwtKeys } from "../signing-keys.ts";

export const accessTokenLifetimeSeconds = 3600;
// Supabase CLI config.toml `refresh_token_reuse_interval` default.
const refreshTokenReuseIntervalSeconds = 10;
// Supabase CLI `[auth.email] otp_expiry` (GOTRUE_MAILER_OTP_EXP) and `max_frequency` defaults.
const otpLifetimeSeconds = 3600;
const emailMaxFrequencySeconds = 1;
// GoTrue's one_time_tokens types (internal/models/one_time_token.go) for each flow.
const signInTypes = ["recovery_token", "confirmation_token"];
const emailChangeTypes = ["email_change_token_current", "email_change_token_new"];

export interface EmailChangeMail {
  address: string;
  code: string;
  tokenHash: string;
}

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
  email_change: string | null;
  email_change_confirm_status: number | null;
  invited_at: Date | null;
  confirmation_sent_at: Date | null;
  recovery_sent_at: Date | null;
  email_change_sent_at: Date | null;
  reauthentication_token: string;
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

// GoTrue internal/api/mail.go validateEmail checks the format with github.com/badoux/checkmail
// ValidateFormat: this pattern (so `xx:;x@x.x` and control characters fail, `a@localhost` passes).
const emailFormat =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

export function normalizeEmail(raw: string | undefined): string {
  const email = raw?.trim().toLowerCase() ?? "";
  const invalid = (message: string) => new AuthError(400, "validation_failed", message);
  if (email === "") throw invalid("An email address is required");
  if (email.length > 255) throw invalid("An email address is too long");
  if (!emailFormat.test(email)) throw invalid("Unable to validate email address: invalid format");
  return email;
}

// GoTrue crypto.GenerateTokenHash: an emailed link carries this hash, the email the code.
export function tokenHashOf(address: string, code: string): string {
  return createHash("sha224")
    .update(address + code)
    .digest("hex");
}

export class AuthStore {
  private readonly secret: Uint8Array;
  private readonly keyPair?: Promise<{ kid: string; privateKey: CryptoKey; publicKey: CryptoKey }>;

  constructor(
    private readonly pool: pg.Pool,
    keys: JwtKeys,
    private readonly issuer: string,
    // [auth.email] double_confirm_changes in supabase/config.toml (GoTrue's default: true)
    private readonly doubleConfirmChanges = true,
  ) {
    this.secret = new TextEncoder().encode(keys.secret);
    if (keys.signingKey) {
      // Only the key material: WebCrypto refuses a private EC key whose key_ops list "verify".
      const { kty, crv, x, y, d, kid } = keys.signingKey;
      this.keyPair = Promise.all([
        importJWK({ kty, crv, x, y, d }, "ES256") as Promise<CryptoKey>,
        importJWK({ kty, crv, x, y }, "ES256") as Promise<CryptoKey>,
      ]).then(([privateKey, publicKey]) => ({ kid: kid!, privateKey, publicKey }));
    }
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

  // GoTrue internal/api/admin.go adminUsers: newest first, with the total for the paging headers.
  async listUsers(page: number, perPage: number): Promise<{ users: UserRow[]; total: number }> {
    const [{ rows }, { rows: count }] = await Promise.all([
      this.pool.query<UserRow>(
        `select ${userWithIdentities} from auth.users where deleted_at is null
         order by created_at desc, id desc limit $1 offset $2`,
        [perPage, (page - 1) * perPage],
      ),
      this.pool.query<{ total: number }>(
        "select count(*)::int as total from auth.users where deleted_at is null",
      ),
    ]);
    return { users: rows, total: count[0]!.total };
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
    // the admin API may choose the id (GoTrue internal/api/admin.go adminUserCreate)
    id?: string;
  }): Promise<UserRow> {
    if (input.password !== undefined) assertStrongPassword(input.password);
    const passwordHash =
      input.password === undefined ? null : await bcrypt.hash(input.password, 10);
    const appMetadata = { provider: "email", providers: ["email"], ...input.appMetadata };
    const userMetadata = {
      ...input.userMetadata,
      ...(input.confirmed ? { email_verified: true } : {}),
    };
    const id = input.id ?? randomUUID();
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
      confirmEmail?: boolean;
    },
  ): Promise<UserRow> {
    if (changes.password !== undefined) assertStrongPassword(changes.password);
    const passwordHash =
      changes.password === undefined ? null : await bcrypt.hash(changes.password, 10);
    const { rows } = await this.pool
      .query<UserRow>(
        `update auth.users set
         email = coalesce($2, email),
         encrypted_password = coalesce($3, encrypted_password),
         raw_user_meta_data = raw_user_meta_data || coalesce($4, '{}'::jsonb),
         raw_app_meta_data = raw_app_meta_data || coalesce($5, '{}'::jsonb),
         banned_until = case when $6 then $7 else banned_until end,
         email_confirmed_at = case when $8 then coalesce(email_confirmed_at, now()) else email_confirmed_at end,
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
          changes.confirmEmail === true,
        ],
      )
      .catch((error: { code?: string }) => {
        throw error.code === "23505" ? emailExists() : error;
      });
    if (!rows[0]) throw new AuthError(404, "user_not_found", "User not found");
    return rows[0];
  }

  // GoTrue internal/api/admin.go adminUserDelete: whatever stops the row's deletion (a trigger
  // refusing it, a foreign key) is answered with this one message; the reason stays in the log.
  async deleteUser(id: string): Promise<void> {
    const result = await this.pool
      .query("delete from auth.users where id = $1", [id])
      .catch((error: Error) => {
        console.error(`deleting user ${id}: ${error.message}`);
        throw new AuthError(500, "unexpected_failure", "Database error deleting user");
      });
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
    // GoTrue internal/api/token.go ResourceOwnerPasswordGrant, after the password check.
    if (!user.email_confirmed_at)
      throw new AuthError(400, "email_not_confirmed", "Email not confirmed");
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
    const refreshToken = await grantRefreshToken(this.pool, user.id, sessionId, null);
    return this.issueTokens(rows[0]!, sessionId, method, refreshToken);
  }

  // Rotates a refresh token as GoTrue does with its default (v1) tokens
  // (internal/tokens/service.go RefreshTokenGrant): a token already rotated is still honoured
  // when it is the parent of the session's active token (the client lost the answer: the
  // active token is returned again) or within the reuse interval after its rotation (two tabs
  // refreshing at once); later, it counts as stolen and the session ends. All refreshes of a
  // session queue on its row, so simultaneous ones see each other's rotation.
  async refresh(token: string) {
    // GoTrue internal/api/token_refresh.go: v1 tokens are 12 lowercase base32 characters.
    if (!/^[a-z0-9]{12}$/.test(token))
      throw new AuthError(400, "validation_failed", "Refresh token is not valid");
    const granted = await this.transaction(async (client) => {
      await client.query(
        `select 1 from auth.sessions s join auth.refresh_tokens t on t.session_id = s.id
         where t.token = $1 for update of s`,
        [token],
      );
      // Read after the lock: a concurrent rotation of this session has committed by now.
      const { rows } = await client.query<{
        revoked: boolean;
        session_id: string;
        user_id: string;
        past_reuse_interval: boolean;
        active_token: string | null;
        active_parent: string | null;
      }>(
        `select t.revoked, t.session_id, t.user_id,
           now() > t.updated_at + make_interval(secs => $2) as past_reuse_interval,
           a.token as active_token, a.parent as active_parent
         from auth.refresh_tokens t
         left join lateral (
           select a.token, a.parent from auth.refresh_tokens a
           where a.session_id = t.session_id and not a.revoked order by a.id desc limit 1
         ) a on true
         where t.token = $1`,
        [token, refreshTokenReuseIntervalSeconds],
      );
      const row = rows[0];
      const user = row && (await this.findUserById(row.user_id));
      if (!row || !user)
        throw new AuthError(
          400,
          "refresh_token_not_found",
          "Invalid Refresh Token: Refresh Token Not Found",
        );
      if (user.banned_until && user.banned_until > new Date())
        throw new AuthError(400, "user_banned", "Invalid Refresh Token: User Banned");
      if (!row.revoked) {
        await client.query(
          "update auth.refresh_tokens set revoked = true, updated_at = now() where token = $1",
          [token],
        );
      } else if (row.active_token && row.active_parent === token) {
        return { user, sessionId: row.session_id, refreshToken: row.active_token };
      } else if (row.past_reuse_interval) {
        // GoTrue revokes the token family (v1 tokens) or logs the session out (v2 tokens);
        // ending the session also voids its access tokens here.
        await client.query("delete from auth.sessions where id = $1", [row.session_id]);
        return undefined;
      }
      const refreshToken = await grantRefreshToken(client, row.user_id, row.session_id, token);
      return { user, sessionId: row.session_id, refreshToken };
    });
    if (!granted)
      throw new AuthError(400, "refresh_token_already_used", "Invalid Refresh Token: Already Used");
    return this.issueTokens(granted.user, granted.sessionId, "password", granted.refreshToken);
  }

  private async issueTokens(
    user: UserRow,
    sessionId: string,
    method: AuthMethod,
    refreshToken: string,
  ) {
    const now = Math.floor(Date.now() / 1000);
    const expiresAt = now + accessTokenLifetimeSeconds;
    // GoTrue signs with the key whose key_ops hold "sign" and names it in the header's kid;
    // without signing keys it falls back to HS256 with the secret (internal/tokens/service.go SignJWT).
    const signer = await this.keyPair;
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
      .setProtectedHeader(
        signer ? { alg: "ES256", kid: signer.kid, typ: "JWT" } : { alg: "HS256", typ: "JWT" },
      )
      .setSubject(user.id)
      .setIssuer(this.issuer)
      .setIssuedAt(now)
      .setExpirationTime(expiresAt)
      .sign(signer?.privateKey ?? this.secret);
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
      const { payload } = await jwtVerify(token, (header) => this.verificationKey(header), {
        algorithms: ["HS256", "ES256"],
      });
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

  // The key for a token, as GoTrue picks it (internal/api/auth.go parseJWTClaims): the key named
  // by kid; else, for HS256, the secret. A kid naming the ES256 key keeps that key whatever the
  // alg says, so an HS256 token "signed" with the public key is refused by jose's type check.
  private async verificationKey(header: JWTHeaderParameters): Promise<CryptoKey | Uint8Array> {
    const signer = await this.keyPair;
    if (signer && header.kid === signer.kid) return signer.publicKey;
    if (header.alg === "HS256") return this.secret;
    throw new AuthError(403, "bad_jwt", "invalid JWT: unable to parse or verify signature");
  }

  // A user's access token is only good while its session exists (sign-out deletes it).
  async requireUser(
    authorization: string | undefined,
  ): Promise<{ user: UserRow; sessionId: string; sessionCreatedAt: Date }> {
    const claims = await this.verifyAccessToken(authorization);
    if (claims.role !== "authenticated" || !claims.session_id) {
      throw new AuthError(403, "bad_jwt", "invalid claim: missing sub claim");
    }
    const { rows: sessions } = await this.pool.query<{ created_at: Date }>(
      "select created_at from auth.sessions where id = $1",
      [claims.session_id],
    );
    if (!sessions[0])
      throw new AuthError(
        403,
        "session_not_found",
        "Session from session_id claim in JWT does not exist",
      );
    const user = await this.findUserById(claims.sub);
    if (!user)
      throw new AuthError(403, "user_not_found", "User from sub claim in JWT does not exist");
    return { user, sessionId: claims.session_id, sessionCreatedAt: sessions[0].created_at };
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

  // Signing in by email as GoTrue does it (internal/api/mail.go sendMagicLink): one 6-digit
  // code per user, stored as its hash, which the emailed link carries. GoTrue files it as a
  // recovery token for a confirmed user and a confirmation token otherwise.
  // `sentAt` names the column GoTrue stamps for the email sent (confirmation or recovery).
  async createOneTimeTokens(
    user: UserRow,
    sentAt?: "confirmation_sent_at" | "recovery_sent_at",
  ): Promise<{ code: string; tokenHash: string }> {
    const code = sixDigitCode();
    const tokenHash = tokenHashOf(user.email, code);
    await this.transaction(async (client) => {
      if (sentAt)
        await client.query(`update auth.users set ${sentAt} = now() where id = $1`, [user.id]);
      await client.query(
        "delete from auth.one_time_tokens where user_id = $1 and token_type = any($2)",
        [user.id, signInTypes],
      );
      await client.query(
        `insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to)
         values ($1, $2, $3, $4, $5)`,
        [
          randomUUID(),
          user.id,
          user.email_confirmed_at ? "recovery_token" : "confirmation_token",
          tokenHash,
          user.email,
        ],
      );
    });
    return { code, tokenHash };
  }

  // GoTrue internal/api/mail.go sendReauthenticationOtp: a 6-digit code whose hash waits in
  // reauthentication_token (and one_time_tokens) until a password change presents it.
  async createReauthenticationCode(user: UserRow): Promise<string> {
    const code = sixDigitCode();
    const tokenHash = tokenHashOf(user.email, code);
    await this.transaction(async (client) => {
      await client.query(
        `update auth.users set reauthentication_token = $2, reauthentication_sent_at = now()
         where id = $1`,
        [user.id, tokenHash],
      );
      await client.query(
        "delete from auth.one_time_tokens where user_id = $1 and token_type = 'reauthentication_token'",
        [user.id],
      );
      await client.query(
        `insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to)
         values ($1, $2, 'reauthentication_token', $3, $4)`,
        [randomUUID(), user.id, tokenHash, user.email],
      );
    });
    return code;
  }

  // GoTrue internal/api/reauthenticate.go verifyReauthentication: the code must match the one
  // sent last, within the OTP lifetime; using it clears it and every other one-time token of
  // the user (User.ConfirmReauthentication).
  async consumeReauthenticationCode(user: UserRow, nonce: string): Promise<void> {
    const used = await this.transaction(async (client) => {
      const { rowCount } = await client.query(
        `update auth.users set reauthentication_token = ''
         where id = $1 and reauthentication_token <> '' and reauthentication_token = $2
           and reauthentication_sent_at > now() - make_interval(secs => $3)`,
        [user.id, tokenHashOf(user.email, nonce), otpLifetimeSeconds],
      );
      if (rowCount)
        await client.query("delete from auth.one_time_tokens where user_id = $1", [user.id]);
      return rowCount === 1;
    });
    if (!used)
      throw new AuthError(422, "reauthentication_not_valid", "Nonce has expired or is invalid");
  }

  // Consumes a sign-in code or link (single use, within its lifetime) and confirms the email
  // it was sent to.
  async consumeOneTimeToken(tokenHash: string): Promise<UserRow> {
    const { rows } = await this.pool.query<UserRow>(
      `with used as (
         delete from auth.one_time_tokens
         where token_hash = $1 and token_type = any($2)
           and created_at > now() - make_interval(secs => $3)
         returning user_id
       )
       update auth.users set email_confirmed_at = coalesce(email_confirmed_at, now())
       where id = (select user_id from used) returning ${userWithIdentities}`,
      [tokenHash, signInTypes, otpLifetimeSeconds],
    );
    if (!rows[0]) throw new AuthError(403, "otp_expired", "Token has expired or is invalid");
    return rows[0];
  }

  // The newest code sent to `email` (for signing in, or for an email change): what a typed
  // code is checked against, so guesses can be counted per code.
  async activeCodeId(email: string, emailChange: boolean): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ id: string }>(
      `select id from auth.one_time_tokens where relates_to = $1 and token_type = any($2)
       order by created_at desc limit 1`,
      [email, emailChange ? emailChangeTypes : signInTypes],
    );
    return rows[0]?.id;
  }

  // Secure email change as GoTrue does it (internal/api/mail.go sendEmailChange): the address
  // stays as it is and the new one waits in `email_change`; a link and code go to the new
  // address and, with double confirmation (`double_confirm_changes`), to the current one too.
  async requestEmailChange(user: UserRow, newEmail: string): Promise<EmailChangeMail[]> {
    return this.transaction(async (client) => {
      const { rows } = await client.query<{ taken: boolean; too_soon: boolean }>(
        `select exists (select 1 from auth.users o where o.email = $2 and o.id <> u.id) as taken,
           coalesce(u.email_change_sent_at > now() - make_interval(secs => $3), false) as too_soon
         from auth.users u where u.id = $1 for update of u`,
        [user.id, newEmail, emailMaxFrequencySeconds],
      );
      if (rows[0]?.taken) throw emailExists();
      if (rows[0]?.too_soon)
        throw new AuthError(
          429,
          "over_email_send_rate_limit",
          `For security purposes, you can only request this after ${emailMaxFrequencySeconds} seconds.`,
        );
      const addresses = this.doubleConfirmChanges ? [newEmail, user.email] : [newEmail];
      const mails = addresses.map((address) => {
        const code = sixDigitCode();
        // GoTrue crypto.GenerateTokenHash: the link carries this hash, the email the code.
        const tokenHash = createHash("sha224")
          .update(address + code)
          .digest("hex");
        return { address, code, tokenHash };
      });
      await client.query(
        `update auth.users set email_change = $2, email_change_token_new = $3,
           email_change_token_current = $4, email_change_confirm_status = 0,
           email_change_sent_at = now()
         where id = $1`,
        [user.id, newEmail, mails[0]!.tokenHash, mails[1]?.tokenHash ?? ""],
      );
      await client.query(
        "delete from auth.one_time_tokens where user_id = $1 and token_type = any($2)",
        [user.id, emailChangeTypes],
      );
      for (const [index, mail] of mails.entries())
        await client.query(
          `insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to)
           values ($1, $2, $3, $4, $5)`,
          [
            randomUUID(),
            user.id,
            index === 0 ? "email_change_token_new" : "email_change_token_current",
            mail.tokenHash,
            mail.address,
          ],
        );
      return mails;
    });
  }

  // Follows one email-change link or code (GoTrue internal/api/verify.go emailChangeVerify).
  // With double confirmation the first of the two only records that address as confirmed
  // (undefined is returned) and the second moves the address. GoTrue skips that second step
  // when signups are autoconfirmed; this always asks for both (docs/parity.md).
  async confirmEmailChange(tokenHash: string): Promise<UserRow | undefined> {
    return this.transaction(async (client) => {
      const expired = () =>
        new AuthError(403, "otp_expired", "Email link is invalid or has expired");
      const { rows: found } = await client.query<{ user_id: string }>(
        "select user_id from auth.one_time_tokens where token_hash = $1 and token_type = any($2)",
        [tokenHash, emailChangeTypes],
      );
      if (!found[0]) throw expired();
      // Lock the user, then look again: the same link followed twice at once counts once.
      const { rows } = await client.query<UserRow & { token_type: string; fresh: boolean }>(
        `select u.*, t.token_type,
           u.email_change_sent_at > now() - make_interval(secs => $3) as fresh
         from auth.users u join auth.one_time_tokens t on t.user_id = u.id
         where u.id = $1 and t.token_hash = $2 and t.token_type = any($4)
         for update of u`,
        [found[0].user_id, tokenHash, otpLifetimeSeconds, emailChangeTypes],
      );
      const user = rows[0];
      if (!user?.fresh) throw expired();
      if (this.doubleConfirmChanges && user.email_change_confirm_status === 0) {
        const column =
          user.token_type === "email_change_token_new"
            ? "email_change_token_new"
            : "email_change_token_current";
        await client.query(
          `update auth.users set email_change_confirm_status = 1, ${column} = '' where id = $1`,
          [user.id],
        );
        await client.query(
          "delete from auth.one_time_tokens where user_id = $1 and token_type = $2",
          [user.id, user.token_type],
        );
        return undefined;
      }
      try {
        await client.query(
          `update auth.users set email = email_change, email_change = '',
             email_change_token_new = '', email_change_token_current = '',
             email_change_confirm_status = 0,
             email_confirmed_at = coalesce(email_confirmed_at, now()), updated_at = now()
           where id = $1`,
          [user.id],
        );
        // GoTrue models/user.go ConfirmEmailChange: the email identity follows the new address
        await client.query(
          `update auth.identities set identity_data = identity_data || jsonb_build_object('email', $2::text),
             updated_at = now()
           where user_id = $1 and provider = 'email'`,
          [user.id, user.email_change],
        );
        await client.query("delete from auth.one_time_tokens where user_id = $1", [user.id]);
        const { rows: changed } = await client.query<UserRow>(
          `select ${userWithIdentities} from auth.users where id = $1`,
          [user.id],
        );
        return changed[0]!;
      } catch (error) {
        throw (error as { code?: string }).code === "23505" ? emailExists() : error;
      }
    });
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query("begin");
      const result = await work(client);
      await client.query("commit");
      return result;
    } catch (error) {
      await client.query("rollback").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

// A refresh token shaped as GoTrue's v1 tokens (crypto.SecureAlphanumeric(12): lowercase
// base32), stored as the child of `parent` in the session's chain.
async function grantRefreshToken(
  db: pg.Pool | pg.PoolClient,
  userId: string,
  sessionId: string,
  parent: string | null,
): Promise<string> {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  const token = Array.from(randomBytes(12), (byte) => alphabet[byte & 31]).join("");
  await db.query(
    `insert into auth.refresh_tokens (token, user_id, revoked, created_at, updated_at, parent, session_id)
     values ($1, $2, false, now(), now(), $3, $4)`,
    [token, userId, parent, sessionId],
  );
  return token;
}

// GoTrue internal/api/errors.go DuplicateEmailMsg, user.go UserUpdate.
function emailExists(): AuthError {
  return new AuthError(
    422,
    "email_exists",
    "A user with this email address has already been registered",
  );
}

// GoTrue crypto.GenerateOtp: six digits from a cryptographic source.
function sixDigitCode(): string {
  return String(randomInt(1_000_000)).padStart(6, "0");
}

// GoTrue internal/api/password.go checkPasswordStrength: lengths in bytes, and bcrypt reads
// only the first 72, so longer passwords are refused rather than silently cut.
export function assertStrongPassword(password: string): void {
  if (Buffer.byteLength(password) > 72)
    throw new AuthError(400, "validation_failed", "Password cannot be longer than 72 characters");
  if (Buffer.byteLength(password) < 6) {
    throw new AuthError(422, "weak_password", "Password should be at least 6 characters.");
  }
}

function assertNotBanned(user: UserRow): void {
  if (user.banned_until && user.banned_until > new Date())
    throw new AuthError(400, "user_banned", "User is banned");
}
