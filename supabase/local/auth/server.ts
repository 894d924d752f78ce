// A local stand-in for Supabase Auth (GoTrue): the endpoints supabase-js v2 calls, backed by
// the auth schema of the local database. Production uses Supabase Auth itself; this exists so
// the stack runs without Docker, for local work and tests.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import nodemailer from "nodemailer";
import pg from "pg";
import {
  AuthError,
  RateLimiter,
  booleanField,
  clientIp,
  objectField,
  readJson,
  sendError,
  sendJson,
  stringField,
} from "./http.ts";
import {
  AuthStore,
  assertStrongPassword,
  tokenHashOf,
  normalizeEmail,
  userJson,
  type EmailChangeMail,
} from "./store.ts";
import { publicJwks, type JwtKeys } from "../signing-keys.ts";

export interface AuthServerOptions {
  port: number;
  databaseUrl: string;
  jwtKeys: JwtKeys;
  // Public URL of the auth API (behind the gateway), used in emailed links and as the JWT issuer.
  publicUrl: string;
  siteUrl: string;
  smtpPort: number;
  confirmEmail: boolean;
  doubleConfirmChanges: boolean;
  securePasswordChange: boolean;
}

type Handler = (req: IncomingMessage, url: URL, res: ServerResponse) => Promise<void>;

export async function startAuthServer(
  options: AuthServerOptions,
): Promise<{ server: Server; close(): Promise<void> }> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
  // A reset drops the database under us; idle clients then error and are replaced.
  pool.on("error", () => undefined);
  const store = new AuthStore(
    pool,
    options.jwtKeys,
    options.publicUrl,
    options.doubleConfirmChanges,
  );
  const mailer = nodemailer.createTransport({
    host: "127.0.0.1",
    port: options.smtpPort,
    secure: false,
    ignoreTLS: true,
  });
  // Supabase's defaults: 30 sign-in attempts per 5 minutes per client, one email per second per address.
  const signInLimiter = new RateLimiter(30, 5 * 60_000);
  // GoTrue validateSentWithinFrequencyLimit (internal/api/mail.go) answers so.
  const emailLimiter = new RateLimiter(
    1,
    1_000,
    () =>
      new AuthError(
        429,
        "over_email_send_rate_limit",
        "For security purposes, you can only request this after 1 seconds.",
      ),
  );
  // Supabase CLI config.toml `[auth.rate_limit] token_refresh`: 150 per 5 minutes per client.
  const refreshLimiter = new RateLimiter(150, 5 * 60_000);
  // Wrong guesses per emailed code before it stops working: GoTrue relies on the per-client
  // verify limit alone (30 per 5 minutes), which spread over many clients leaves a 6-digit
  // code guessable within its hour (docs/parity.md).
  const codeGuesses = new RateLimiter(5, 3_600_000);

  // One email carrying a link and the code that may be typed instead, as GoTrue's templates do.
  const sendLink = (to: string, subject: string, link: string, code: string) =>
    mailer.sendMail({
      from: "Roster <no-reply@roster.local>",
      to,
      subject,
      text: `${subject}:\n${link}\n\nOr enter this code: ${code}\n`,
      html: `<h2>${subject}</h2><p><a href="${link}">${subject}</a></p><p>Or enter this code: <strong>${code}</strong></p>`,
    });
  // GoTrue's reauthentication template carries the code only (internal/mailer/templatemailer).
  const sendCode = (to: string, subject: string, code: string) =>
    mailer.sendMail({
      from: "Roster <no-reply@roster.local>",
      to,
      subject,
      text: `${subject}:\n\nEnter the code: ${code}\n`,
      html: `<h2>${subject}</h2><p>Enter the code: <strong>${code}</strong></p>`,
    });
  const verifyLink = (token: string, type: string, redirectTo: string) =>
    `${options.publicUrl}/verify?token=${token}&type=${type}&redirect_to=${encodeURIComponent(redirectTo)}`;
  const mailEmailChange = (mails: EmailChangeMail[], redirectTo: string) =>
    Promise.all(
      mails.map((mail) =>
        sendLink(
          mail.address,
          "Confirm the change of your email address",
          verifyLink(mail.tokenHash, "email_change", redirectTo),
          mail.code,
        ),
      ),
    );

  // A followed link or typed code: a session, or undefined while an email change still waits
  // for the link sent to the other address.
  const verify = async (type: VerifyType, tokenHash: string) => {
    if (type === "email_change") {
      const user = await store.confirmEmailChange(tokenHash);
      return user && store.startSession(user, "otp");
    }
    return store.startSession(await store.consumeOneTimeToken(tokenHash), "otp");
  };

  const sessionFor = async (email: string, password: string) =>
    store.startSession(await store.verifyPassword(email, password), "password");

  // A link and code for `type`, mailed to the user (GoTrue internal/api/mail.go
  // sendConfirmation, sendPasswordRecovery). GoTrue refuses a second email to one address within
  // max_frequency; the stand-in counts every address asked about, known or not, so the answer
  // never tells which exist.
  const mailOneTimeToken = async (
    user: Awaited<ReturnType<typeof store.findUserByEmail>>,
    type: "signup" | "recovery",
    redirectTo: string,
  ) => {
    if (!user) return;
    const { code, tokenHash } = await store.createOneTimeTokens(
      user,
      type === "signup" ? "confirmation_sent_at" : "recovery_sent_at",
    );
    const subject = type === "signup" ? "Confirm your email address" : "Reset your password";
    await sendLink(user.email, subject, verifyLink(tokenHash, type, redirectTo), code);
  };

  const routes: Record<string, Handler> = {
    "GET /health": async (_req, _url, res) =>
      sendJson(res, 200, {
        version: "roster-local",
        name: "GoTrue",
        description: "Local stand-in for Supabase Auth",
      }),

    // Public keys only; GoTrue lets caches keep them for ten minutes (internal/api/jwks.go).
    "GET /.well-known/jwks.json": async (_req, _url, res) => {
      res.setHeader("cache-control", "public, max-age=600");
      sendJson(res, 200, publicJwks(options.jwtKeys));
    },

    "GET /settings": async (_req, _url, res) =>
      sendJson(res, 200, {
        external: { email: true, phone: false, anonymous_users: false },
        disable_signup: false,
        mailer_autoconfirm: !options.confirmEmail,
        phone_autoconfirm: false,
        sms_provider: "",
        saml_enabled: false,
      }),

    "POST /signup": async (req, url, res) => {
      const body = await readJson(req);
      const email = normalizeEmail(stringField(body, "email"));
      signInLimiter.take(`${clientIp(req)}:${email}`);
      const password = stringField(body, "password");
      if (!password)
        throw new AuthError(422, "validation_failed", "Signup requires a valid password");
      if (!options.confirmEmail) {
        const user = await store.createUser({
          email,
          password,
          confirmed: true,
          userMetadata: objectField(body, "data"),
        });
        // Local Supabase autoconfirms email sign-ups, so the answer is a session.
        return sendJson(res, 200, await store.startSession(user, "password"));
      }
      // GoTrue internal/api/signup.go with confirmations on: the answer is the user without a
      // session, and a confirmation email. An address already confirmed gets a look-alike user
      // with no identities (sanitizeUser) and no email, so the answer does not say it exists.
      emailLimiter.take(email);
      const existing = await store.findUserByEmail(email);
      const redirectTo = safeRedirect(url.searchParams.get("redirect_to"), options.siteUrl);
      if (existing?.email_confirmed_at) return sendJson(res, 200, lookAlikeUser(email, body));
      const user =
        existing ??
        (await store.createUser({
          email,
          password,
          confirmed: false,
          userMetadata: objectField(body, "data"),
        }));
      await mailOneTimeToken(user, "signup", redirectTo);
      sendJson(res, 200, userJson((await store.findUserById(user.id))!));
    },

    // GoTrue internal/api/resend.go: another confirmation email (signup) or email-change link;
    // an unknown address, a confirmed one or no change waiting answers the same empty object.
    "POST /resend": async (req, url, res) => {
      const body = await readJson(req);
      const type = stringField(body, "type");
      if (type !== "signup" && type !== "email_change")
        throw new AuthError(
          400,
          "validation_failed",
          "Missing one of these types: signup, email_change, sms, phone_change",
        );
      const email = normalizeEmail(stringField(body, "email"));
      emailLimiter.take(email);
      const user = await store.findUserByEmail(email);
      const redirectTo = safeRedirect(url.searchParams.get("redirect_to"), options.siteUrl);
      if (type === "signup" && user && !user.email_confirmed_at)
        await mailOneTimeToken(user, "signup", redirectTo);
      if (type === "email_change" && user?.email_change)
        await mailEmailChange(await store.requestEmailChange(user, user.email_change), redirectTo);
      sendJson(res, 200, {});
    },

    // GoTrue internal/api/recover.go: a recovery link to a known address; an unknown one gets
    // the same empty answer and nothing is sent. Following the link signs the person in
    // (type=recovery), and the SPA asks for a new password.
    "POST /recover": async (req, url, res) => {
      const body = await readJson(req);
      const raw = stringField(body, "email");
      if (!raw)
        throw new AuthError(400, "validation_failed", "Password recovery requires an email");
      const email = normalizeEmail(raw);
      emailLimiter.take(email);
      signInLimiter.take(`${clientIp(req)}:recover`);
      const redirectTo = safeRedirect(url.searchParams.get("redirect_to"), options.siteUrl);
      await mailOneTimeToken(await store.findUserByEmail(email), "recovery", redirectTo);
      sendJson(res, 200, {});
    },

    "POST /token": async (req, url, res) => {
      const body = await readJson(req);
      const grant = url.searchParams.get("grant_type");
      if (grant === "password") {
        const email = normalizeEmail(stringField(body, "email"));
        signInLimiter.take(`${clientIp(req)}:${email}`);
        sendJson(res, 200, await sessionFor(email, stringField(body, "password") ?? ""));
      } else if (grant === "refresh_token") {
        const token = stringField(body, "refresh_token");
        if (!token) throw new AuthError(400, "validation_failed", "refresh_token required");
        refreshLimiter.take(clientIp(req));
        sendJson(res, 200, await store.refresh(token));
      } else {
        // GoTrue internal/api/token.go Token: an unknown grant answers with invalid_credentials.
        throw new AuthError(400, "invalid_credentials", "unsupported_grant_type");
      }
    },

    // Magic link and email code: one email carrying both, as GoTrue's default template does.
    "POST /otp": async (req, url, res) => {
      const body = await readJson(req);
      const email = normalizeEmail(stringField(body, "email"));
      const createUser = booleanField(body, "create_user") ?? true;
      const userMetadata = objectField(body, "data");
      emailLimiter.take(email);
      signInLimiter.take(`${clientIp(req)}:otp:${email}`);
      let user = await store.findUserByEmail(email);
      if (!user) {
        if (!createUser) throw new AuthError(422, "otp_disabled", "Signups not allowed for otp");
        user = await store.createUser({ email, confirmed: false, userMetadata });
      }
      const { code, tokenHash } = await store.createOneTimeTokens(user);
      const redirectTo = safeRedirect(url.searchParams.get("redirect_to"), options.siteUrl);
      await sendLink(email, "Sign in", verifyLink(tokenHash, "magiclink", redirectTo), code);
      sendJson(res, 200, {});
    },

    // The emailed link: verifies the token and redirects with the session in the URL fragment.
    "GET /verify": async (req, url, res) => {
      signInLimiter.take(`${clientIp(req)}:verify`);
      const type = verifyType(url.searchParams.get("type"));
      const token = url.searchParams.get("token");
      if (!token)
        throw new AuthError(400, "validation_failed", "Verify requires a token or a token hash");
      const redirectTo = safeRedirect(url.searchParams.get("redirect_to"), options.siteUrl);
      let fragment: URLSearchParams;
      try {
        // The link carries the code's hash, as GoTrue's do (verify.go Validate).
        const session = await verify(type, token);
        fragment = session
          ? new URLSearchParams({
              access_token: session.access_token,
              expires_at: String(session.expires_at),
              expires_in: String(session.expires_in),
              refresh_token: session.refresh_token,
              token_type: "bearer",
              type: url.searchParams.get("type")!,
            })
          : new URLSearchParams({ message: oneOfTwoConfirmed, sb: "" });
      } catch (error) {
        if (!(error instanceof AuthError)) throw error;
        fragment = new URLSearchParams({
          error: "access_denied",
          error_code: error.code,
          error_description: error.message,
        });
      }
      res.writeHead(303, { location: `${redirectTo}#${fragment}` });
      res.end();
    },

    // The typed code (or a token hash): answers with a session.
    "POST /verify": async (req, _url, res) => {
      const body = await readJson(req);
      signInLimiter.take(`${clientIp(req)}:verify`);
      const type = verifyType(stringField(body, "type"));
      const tokenHash = stringField(body, "token_hash");
      const token = stringField(body, "token");
      if (!token === !tokenHash)
        throw new AuthError(
          400,
          "validation_failed",
          "Verify requires either a token or a token hash",
        );
      let hash = tokenHash;
      if (token) {
        const email = normalizeEmail(stringField(body, "email"));
        const codeId = await store.activeCodeId(email, type === "email_change");
        if (codeId) codeGuesses.take(codeId);
        hash = tokenHashOf(email, token);
      }
      const session = await verify(type, hash!);
      // GoTrue verify.go verifyPost answers the first of two email-change confirmations so.
      sendJson(res, 200, session ?? { msg: oneOfTwoConfirmed, code: "200" });
    },

    "GET /user": async (req, _url, res) => {
      const { user } = await store.requireUser(req.headers.authorization);
      sendJson(res, 200, userJson(user));
    },

    // GoTrue internal/api/reauthenticate.go: a code for a password change, to the (confirmed)
    // address of the signed-in user.
    "GET /reauthenticate": async (req, _url, res) => {
      const { user } = await store.requireUser(req.headers.authorization);
      if (!user.email_confirmed_at)
        throw new AuthError(422, "email_not_confirmed", "Please verify your email first.");
      emailLimiter.take(user.email);
      await sendCode(
        user.email,
        "Confirm reauthentication",
        await store.createReauthenticationCode(user),
      );
      sendJson(res, 200, {});
    },

    // GoTrue internal/api/user.go UserUpdate: a new email address only takes effect once
    // confirmed by link (store.requestEmailChange); password and metadata change at once. With
    // secure_password_change, a password change from a session older than 24 hours needs the
    // code from /reauthenticate as `nonce`.
    "PUT /user": async (req, url, res) => {
      const { user, sessionCreatedAt } = await store.requireUser(req.headers.authorization);
      const body = await readJson(req);
      const email = stringField(body, "email");
      const newEmail = email ? normalizeEmail(email) : undefined;
      const password = stringField(body, "password");
      if (
        password !== undefined &&
        options.securePasswordChange &&
        Date.now() > sessionCreatedAt.getTime() + recentSignInMs
      ) {
        const nonce = stringField(body, "nonce");
        if (!nonce)
          throw new AuthError(
            400,
            "reauthentication_needed",
            "Password update requires reauthentication",
          );
        // GoTrue counts no wrong guesses here; the stand-in stops a code after a few.
        if (user.reauthentication_token) codeGuesses.take(user.reauthentication_token);
        await store.consumeReauthenticationCode(user, nonce);
      }
      if (password !== undefined) assertStrongPassword(password);
      const mails =
        newEmail && newEmail !== user.email ? await store.requestEmailChange(user, newEmail) : [];
      const updated = await store.updateUser(user.id, {
        password,
        userMetadata: objectField(body, "data"),
      });
      await mailEmailChange(
        mails,
        safeRedirect(url.searchParams.get("redirect_to"), options.siteUrl),
      );
      sendJson(res, 200, userJson(updated));
    },

    "POST /logout": async (req, url, res) => {
      const { user, sessionId } = await store.requireUser(req.headers.authorization);
      // GoTrue internal/api/logout.go: global unless asked otherwise; other scopes are refused.
      const scope = url.searchParams.get("scope") || "global";
      if (!["global", "local", "others"].includes(scope))
        throw new AuthError(400, "validation_failed", `Unsupported logout scope "${scope}"`);
      await store.endSessions(user.id, sessionId, scope);
      sendJson(res, 204, undefined);
    },

    // GoTrue internal/api/admin.go adminUsers and pagination.go: an empty or missing page is 1,
    // per_page 50; the total and the next/last pages go in X-Total-Count and Link.
    "GET /admin/users": async (req, url, res) => {
      await store.requireServiceRole(req.headers.authorization);
      const page = pagingParameter(url, "page", 1);
      const perPage = pagingParameter(url, "per_page", 50);
      const { users, total } = await store.listUsers(page, perPage);
      // The request's own path, as GoTrue sees it behind the gateway.
      const pageLink = (to: number) => {
        const query = new URLSearchParams(url.search);
        query.set("page", String(to));
        return `${url.pathname}?${query}`;
      };
      const lastPage = Math.ceil(total / perPage);
      res.setHeader("x-total-count", String(total));
      res.setHeader(
        "link",
        [
          ...(lastPage > page ? [`<${pageLink(page + 1)}>; rel="next"`] : []),
          `<${pageLink(lastPage)}>; rel="last"`,
        ].join(", "),
      );
      sendJson(res, 200, { users: users.map(userJson), aud: "authenticated" });
    },

    "POST /admin/users": async (req, _url, res) => {
      await store.requireServiceRole(req.headers.authorization);
      const body = await readJson(req);
      const user = await store.createUser({
        email: normalizeEmail(stringField(body, "email")),
        password: stringField(body, "password"),
        confirmed: booleanField(body, "email_confirm") === true,
        via: "admin",
        userMetadata: objectField(body, "user_metadata"),
        appMetadata: objectField(body, "app_metadata"),
        id: customUserId(stringField(body, "id")),
      });
      sendJson(res, 200, userJson(user));
    },
  };

  // Admin routes addressing one user: /admin/users/<uuid>
  const adminUserRoutes: Record<
    string,
    (req: IncomingMessage, id: string, res: ServerResponse) => Promise<void>
  > = {
    GET: async (req, id, res) => {
      await store.requireServiceRole(req.headers.authorization);
      const user = await store.findUserById(id);
      if (!user) throw new AuthError(404, "user_not_found", "User not found");
      sendJson(res, 200, userJson(user));
    },
    PUT: async (req, id, res) => {
      await store.requireServiceRole(req.headers.authorization);
      const body = await readJson(req);
      const email = stringField(body, "email");
      const banDuration = stringField(body, "ban_duration");
      const user = await store.updateUser(id, {
        email: email === undefined ? undefined : normalizeEmail(email),
        password: stringField(body, "password"),
        userMetadata: objectField(body, "user_metadata"),
        appMetadata: objectField(body, "app_metadata"),
        confirmEmail: booleanField(body, "email_confirm"),
        bannedUntil:
          banDuration === undefined
            ? undefined
            : banDuration === "none"
              ? null
              : new Date(Date.now() + parseDuration(banDuration)),
      });
      sendJson(res, 200, userJson(user));
    },
    DELETE: async (req, id, res) => {
      await store.requireServiceRole(req.headers.authorization);
      await store.deleteUser(id);
      sendJson(res, 200, {});
    },
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const adminUserId = url.pathname.match(/^\/admin\/users\/([0-9a-f-]{36})$/i)?.[1];
    const route = adminUserId
      ? (r: IncomingMessage, _u: URL, s: ServerResponse) =>
          adminUserRoutes[req.method ?? ""]?.(r, adminUserId, s) ?? notFound()
      : routes[`${req.method} ${url.pathname}`];
    Promise.resolve()
      .then(() => (route ? route(req, url, res) : notFound()))
      .catch((error: unknown) => {
        if (error instanceof AuthError) return sendError(req, res, error);
        // Postgres data exceptions (class 22: a NUL byte in text or JSON, an over-long value)
        // come from the caller's input; GoTrue lets some of these surface as 500s.
        if ((error as { code?: string }).code?.startsWith("22"))
          return sendError(req, res, new AuthError(400, "validation_failed", "Invalid input"));
        console.error(error);
        sendError(req, res, new AuthError(500, "unexpected_failure", "Unexpected failure"));
      });
  });
  await new Promise<void>((resolve) => server.listen(options.port, "127.0.0.1", resolve));
  return {
    server,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      mailer.close();
      await pool.end();
    },
  };
}

function notFound(): never {
  throw new AuthError(404, "not_found", "Not found");
}

// GoTrue UserUpdate: a session created less than 24 hours ago counts as a recent sign-in.
const recentSignInMs = 24 * 3_600_000;

// GoTrue internal/api/verify.go singleConfirmationAccepted.
const oneOfTwoConfirmed =
  "Confirmation link accepted. Please proceed to confirm link sent to the other email";

type VerifyType = "sign_in" | "email_change";

// The verification types GoTrue accepts for email (internal/api/verify.go); every sign-in kind
// is one flow here.
function verifyType(type: string | null | undefined): VerifyType {
  if (!type) throw new AuthError(400, "validation_failed", "Verify requires a verification type");
  if (type === "email_change") return type;
  if (["email", "magiclink", "signup", "recovery", "invite"].includes(type)) return "sign_in";
  throw new AuthError(400, "validation_failed", "Unsupported verification type");
}

// Redirects only to the site itself, as GoTrue's allow-list does by default.
function safeRedirect(value: string | null, siteUrl: string): string {
  if (!value) return siteUrl;
  try {
    const target = new URL(value);
    const site = new URL(siteUrl);
    const local = ["localhost", "127.0.0.1"];
    const sameHost =
      target.host === site.host ||
      (local.includes(target.hostname) &&
        local.includes(site.hostname) &&
        target.port === site.port);
    return sameHost ? target.toString() : siteUrl;
  } catch {
    return siteUrl;
  }
}

// GoTrue pagination.go paginate: an unsigned integer, or the default when empty.
function pagingParameter(url: URL, name: string, fallback: number): number {
  const value = url.searchParams.get(name);
  if (!value) return fallback;
  if (!/^\d+$/.test(value))
    throw new AuthError(400, "validation_failed", "Bad Pagination Parameters: invalid syntax");
  return Math.max(1, Number(value));
}

// GoTrue signup.go sanitizeUser: what sign-up answers for an address that already has a
// confirmed account while confirmations are on: a fresh id, no identities, nothing stored.
function lookAlikeUser(email: string, body: Record<string, unknown>) {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    aud: "authenticated",
    role: "authenticated",
    email,
    phone: "",
    confirmation_sent_at: now,
    app_metadata: { provider: "email", providers: ["email"] },
    user_metadata: objectField(body, "data") ?? {},
    identities: [],
    created_at: now,
    updated_at: now,
    is_anonymous: false,
  };
}

// GoTrue adminUserCreate: an `id` chosen by the caller must be a UUID other than the nil one.
function customUserId(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value))
    throw new AuthError(400, "validation_failed", "ID must conform to the uuid v4 format");
  if (/^[0-]+$/.test(value))
    throw new AuthError(400, "validation_failed", "ID cannot be a nil uuid");
  return value.toLowerCase();
}

function parseDuration(value: string): number {
  const match = value.match(/^(\d+)(h|m|s)$/);
  if (!match)
    throw new AuthError(400, "validation_failed", "ban_duration must look like 24h, 30m or 10s");
  const unit = { h: 3_600_000, m: 60_000, s: 1_000 }[match[2] as "h" | "m" | "s"];
  return Number(match[1]) * unit;
}
