// Users, sessions and refresh tokens in the auth schema, as GoTrue keeps them.
import { createHash, randomBytes, randomUUID } from "node:crypto";
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
  created_at: Date;
  updated_at: Date;
  banned_until: Date | null;
  is_anonymous: boolean;
}

export type AuthMethod = "password" | "otp" | "magiclink";

export interface AccessClaims {
  sub: string;
  role: string;
  session_id?: string;
}

export function userJson(user: UserRow) {
  return {
    id: user.id,
    aud: user.aud,
    role: user.role,
    email: user.email,
    email_confirmed_at: user.email_confirmed_at,
    phone: "",
    confirmed_at: user.email_confirmed_at,
    last_sign_in_at: user.last_sign_in_at,
    app_metadata: user.raw_app_meta_data,
    user_metadata: user.raw_user_meta_data,
    identities: [],
    created_at: user.created_at,
    updated_at: user.updated_at,
    is_anonymous: user.is_anonymous,
  };
}

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
  private readonly keyPair?: Promise<{ kid: string; privateKey: CryptoKey; publicKey: CryptoKey }>;

  constructor(
    private readonly pool: pg.Pool,
    keys: JwtKeys,
    private readonly issuer: string,
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
      "select * from auth.users where email = $1 and deleted_at is null",
      [email],
    );
    return rows[0];
  }

  async findUserById(id: string): Promise<UserRow | undefined> {
    const { rows } = await this.pool.query<UserRow>(
      "select * from auth.users where id = $1 and deleted_at is null",
      [id],
    );
    return rows[0];
  }

  async listUsers(page: number, perPage: number): Promise<UserRow[]> {
    const { rows } = await this.pool.query<UserRow>(
      "select * from auth.users where deleted_at is null order by created_at, id limit $1 offset $2",
      [perPage, (page - 1) * perPage],
    );
    return rows;
  }

  async createUser(input: {
    email: string;
    password?: string;
    confirmed: boolean;
    userMetadata?: Record<string, unknown>;
    appMetadata?: Record<string, unknown>;
  }): Promise<UserRow> {
    if (input.password !== undefined) assertStrongPassword(input.password);
    const passwordHash =
      input.password === undefined ? null : await bcrypt.hash(input.password, 10);
    const appMetadata = { provider: "email", providers: ["email"], ...input.appMetadata };
    try {
      const { rows } = await this.pool.query<UserRow>(
        `insert into auth.users (id, aud, role, email, encrypted_password, email_confirmed_at,
           raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
         values ($1, 'authenticated', 'authenticated', $2, $3, case when $4 then now() end, $5, $6, now(), now())
         returning *`,
        [
          randomUUID(),
          input.email,
          passwordHash,
          input.confirmed,
          appMetadata,
          input.userMetadata ?? {},
        ],
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
       where id = $1 and deleted_at is null returning *`,
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
      "update auth.users set last_sign_in_at = now() where id = $1 returning *",
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

  // One-time sign-in secrets: a 6-digit code for typing and a long token for the link.
  async createOneTimeTokens(user: UserRow): Promise<{ code: string; linkToken: string }> {
    const code = String(Math.floor(Math.random() * 1_000_000)).padStart(6, "0");
    const linkToken = randomBytes(28).toString("hex");
    await this.pool.query(
      `delete from auth.one_time_tokens where user_id = $1 and token_type in ('magiclink', 'email_code')`,
      [user.id],
    );
    await this.pool.query(
      `insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to)
       values ($1, $2, 'magiclink', $3, $5), ($4, $2, 'email_code', $6, $5)`,
      [
        randomUUID(),
        user.id,
        hashToken(linkToken),
        randomUUID(),
        user.email,
        hashToken(`${user.email}:${code}`),
      ],
    );
    return { code, linkToken };
  }

  // Consumes a one-time secret (single use, valid one hour) and confirms the email it was sent to.
  async consumeOneTimeToken(tokenHash: string): Promise<UserRow> {
    const { rows } = await this.pool.query<{ user_id: string }>(
      `delete from auth.one_time_tokens where token_hash = $1 and created_at > now() - interval '1 hour' returning user_id`,
      [tokenHash],
    );
    if (!rows[0]) throw new AuthError(403, "otp_expired", "Token has expired or is invalid");
    await this.pool.query(
      `delete from auth.one_time_tokens where user_id = $1 and token_type in ('magiclink', 'email_code')`,
      [rows[0].user_id],
    );
    const { rows: users } = await this.pool.query<UserRow>(
      "update auth.users set email_confirmed_at = coalesce(email_confirmed_at, now()) where id = $1 returning *",
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
