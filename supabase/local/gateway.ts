// One port in front of the stack, routing like `supabase start`'s gateway: /rest/v1 -> PostgREST,
// /auth/v1 -> auth, /functions/v1 -> Deno, each with its prefix stripped. REST and auth require a
// project API key (the `apikey` header), legacy JWT or `sb_publishable_`/`sb_secret_`; functions
// answer CORS themselves and have the caller's JWT checked here only where config.toml keeps
// `verify_jwt = true`, as on Supabase.
import {
  Agent,
  createServer,
  type ClientRequest,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import type { StackKeys } from "./config.ts";
import { publicJwks, type JwtKeys } from "./signing-keys.ts";
import { bodyCheck, isCsv, isUtf8, notUtf8 } from "./utf8.ts";

interface Upstream {
  port: number;
  requiresApiKey: (method: string, path: string) => boolean;
  cors: boolean;
  // Request bodies above this many bytes are refused with 413 before they are read.
  maxBodyBytes: number;
}

// The documented body limits (docs/database.md, "Request size limits"). Functions enforce the
// same limit themselves (functions/_shared/body.ts) for callers that reach them another way.
export const bodyLimits = {
  rest: 10 * 1024 * 1024,
  auth: 1024 * 1024,
  functions: 1024 * 1024,
} as const;

// Headers through which a caller could claim to be someone else. The gateway is the edge: it
// drops whatever the caller sent under these names and sets the address from the socket.
const forwardingHeaders = [
  "x-forwarded-for",
  "x-real-ip",
  "cf-connecting-ip",
  "true-client-ip",
  "forwarded",
  "sb-forwarded-for",
];

// Keep-alive connections to the upstreams. Node's HTTP servers (the auth stand-in) close an idle
// connection after 5 s and Deno and PostgREST after a few seconds more; reusing a socket at the
// moment the upstream closes it is the "socket hang up" 502. Idle sockets are dropped here after
// 2 s, before any upstream drops them, and an idempotent request that still meets a reset on a
// reused socket is sent once more (Node docs, http: "request.reusedSocket").
const upstreamAgent = new Agent({ keepAlive: true, timeout: 2_000, maxFreeSockets: 64 });
export interface GatewayOptions {
  port: number;
  keys: StackKeys;
  jwtKeys: JwtKeys;
  upstreams: { rest: number; auth: number; functions: number };
  functionsWithoutJwtCheck: () => Promise<Set<string>>;
}

const corsHeaders = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, HEAD, PUT, PATCH, POST, DELETE, OPTIONS",
  "access-control-allow-headers":
    "authorization, x-client-info, apikey, content-type, prefer, range, accept, accept-profile, content-profile, x-supabase-api-version, x-upsert",
  "access-control-expose-headers":
    "content-range, content-location, x-supabase-api-version, location",
  "access-control-max-age": "3600",
};

// Auth endpoints reached without an API key: the emailed verification link, and the public
// signing keys that JWT verifiers fetch bare (jose createRemoteJWKSet sends no apikey).
const openAuthPaths = new Set([
  "/verify",
  "/callback",
  "/authorize",
  "/health",
  "/.well-known/jwks.json",
]);

export async function startGateway(options: GatewayOptions): Promise<Server> {
  const { anonKey, serviceRoleKey, publishableKey, secretKey } = options.keys;
  const apiKeys = new Set([anonKey, serviceRoleKey, publishableKey, secretKey]);
  // The opaque keys are not JWTs: upstream they stand for the role's legacy JWT (Supabase CLI
  // internal/start/templates/kong.yml with the BearerToken expression of internal/start/start.go).
  const jwtForKey = new Map([
    [publishableKey, anonKey],
    [secretKey, serviceRoleKey],
  ]);
  // verify_jwt accepts HS256 legacy tokens by the secret and ES256 tokens by the JWKS (the CLI's
  // edge runtime, internal/functions/serve/templates/main.ts verifyHybridJWT).
  const secret = new TextEncoder().encode(options.jwtKeys.secret);
  const signingKeys = createLocalJWKSet(publicJwks(options.jwtKeys));
  const validJwt = (token: string) =>
    (algOf(token) === "HS256"
      ? jwtVerify(token, secret, { algorithms: ["HS256"] })
      : jwtVerify(token, signingKeys, { algorithms: ["ES256"] })
    ).then(
      () => true,
      () => false,
    );
  const routes: Record<string, Upstream> = {
    "/rest/v1": {
      port: options.upstreams.rest,
      requiresApiKey: () => true,
      cors: true,
      maxBodyBytes: bodyLimits.rest,
    },
    "/auth/v1": {
      port: options.upstreams.auth,
      requiresApiKey: (method, path) => !(method === "GET" && openAuthPaths.has(path)),
      cors: true,
      maxBodyBytes: bodyLimits.auth,
    },
    "/functions/v1": {
      port: options.upstreams.functions,
      requiresApiKey: () => false,
      cors: false,
      maxBodyBytes: bodyLimits.functions,
    },
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        sendJson(res, 502, { message: `Gateway error: ${(error as Error).message}` });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://gateway");
    const prefix = Object.keys(routes).find(
      (p) => url.pathname === p || url.pathname.startsWith(`${p}/`),
    );
    if (!prefix) return sendJson(res, 404, { message: "no Route matched with those values" });
    const upstream = routes[prefix]!;
    if (upstream.cors) for (const [k, v] of Object.entries(corsHeaders)) res.setHeader(k, v);
    if (upstream.cors && req.method === "OPTIONS") {
      res.writeHead(204);
      return void res.end();
    }
    if (Number(req.headers["content-length"] ?? 0) > upstream.maxBodyBytes)
      return payloadTooLarge(req, res, upstream.maxBodyBytes);
    if (prefix === "/rest/v1" && !isUtf8(req.url ?? "", true))
      return sendJson(res, 400, notUtf8("PGRST100", "URL"));
    const path = url.pathname.slice(prefix.length) || "/";
    const headers = { ...req.headers };
    const apiKey =
      (headers.apikey as string | undefined) ?? url.searchParams.get("apikey") ?? undefined;
    if (upstream.requiresApiKey(req.method ?? "GET", path)) {
      if (!apiKey)
        return sendJson(res, 401, {
          message: "No API key found in request",
          hint: "No `apikey` request header or url param was found.",
        });
      if (!apiKeys.has(apiKey)) return invalidApiKey(res);
      if (apiKey === secretKey && isBrowser(headers["user-agent"]))
        return sendJson(res, 401, {
          message: "Forbidden use of secret API key in browser",
          hint: "Secret API keys can only be used in a protected environment and should never be used in a browser.",
        });
    }
    // Authorization carries a user's JWT, or else stands for the API key. An opaque key in it is
    // only taken when it equals the apikey header (Supabase docs, guides/api/api-keys.mdx,
    // "Known limitations"); functions decide for themselves what they accept.
    const bearer = headers.authorization?.match(/^Bearer (.+)$/i)?.[1];
    if (bearer?.startsWith("sb_")) {
      if (bearer === apiKey) delete headers.authorization;
      else if (prefix !== "/functions/v1") return invalidApiKey(res);
    }
    if (!headers.authorization && apiKey && apiKeys.has(apiKey))
      headers.authorization = `Bearer ${jwtForKey.get(apiKey) ?? apiKey}`;
    if (prefix === "/functions/v1") {
      const name = path.split("/")[1] ?? "";
      if (req.method !== "OPTIONS" && !(await options.functionsWithoutJwtCheck()).has(name)) {
        const token = headers.authorization?.match(/^Bearer (.+)$/i)?.[1];
        const valid = token ? await validJwt(token) : false;
        if (!valid)
          return sendJson(res, 401, {
            code: 401,
            message: token ? "Invalid JWT" : "Missing authorization header",
          });
      }
    }
    setClientAddress(headers, req.socket.remoteAddress ?? "", apiKey === secretKey);
    headers["x-forwarded-host"] = req.headers.host ?? "";
    headers["x-forwarded-prefix"] = prefix;
    // PostgREST 12.0.2 drops the connection without an answer on some CSV bodies (astral-plane
    // characters in the header row, found by tests/attack/fuzz.test.ts): a 502 from input alone.
    // Roster's API takes JSON, so a CSV body is refused the way PostgREST refuses a media type
    // it does not take (PGRST107, 415).
    if (prefix === "/rest/v1" && isCsv(headers["content-type"]))
      return sendJson(res, 415, {
        code: "PGRST107",
        details: null,
        hint: "invalid_input",
        message: "Request bodies are JSON (or form data), not CSV.",
      });
    const encoding = prefix === "/rest/v1" ? bodyCheck(headers["content-type"]) : undefined;
    await proxy(req, res, {
      port: upstream.port,
      path: path + url.search,
      headers,
      maxBodyBytes: upstream.maxBodyBytes,
      waitForRestart: prefix === "/functions/v1",
      refuseBody: encoding
        ? (body) => (isUtf8(body, encoding.escapes) ? undefined : notUtf8("PGRST102", "body"))
        : undefined,
    });
  }

  // Node closes an idle keep-alive connection after 5 s, so a client that reuses it just then
  // (undici keeps idle sockets 4 s) loses its request with "other side closed". Kong (nginx)
  // keeps client connections 60 s; the client then always gives up an idle socket first.
  server.keepAliveTimeout = 60_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  return server;
}

// The client address, one rule (docs/database.md, "Client address"). Hosted Supabase sits behind
// Cloudflare, which sets CF-Connecting-IP to the address that connected and overwrites any value
// the caller sent (Cloudflare docs, fundamentals/reference/http-headers); the first hop of
// X-Forwarded-For is the caller's to write (supabase/supabase discussion #34647). This gateway
// is the edge here, so it sets that header, and x-forwarded-for / x-real-ip for readers that
// know only those, from the socket. Sb-Forwarded-For, a trusted server's claim about its own
// caller, passes only with the project's secret key, as Supabase Auth documents it
// (guides/auth/rate-limits.mdx, "IP address forwarding"; supabase/auth internal/sbff).
function setClientAddress(
  headers: IncomingMessage["headers"],
  socketAddress: string,
  withSecretKey: boolean,
): void {
  const vouchedFor = withSecretKey ? headers["sb-forwarded-for"] : undefined;
  for (const name of forwardingHeaders) delete headers[name];
  headers["cf-connecting-ip"] = socketAddress;
  headers["x-real-ip"] = socketAddress;
  headers["x-forwarded-for"] = socketAddress;
  if (typeof vouchedFor === "string") headers["sb-forwarded-for"] = vouchedFor;
}

// A body over the route's limit, announced by Content-Length, is refused before any of it is
// read. Node then discards whatever the caller still sends without keeping it (the server's
// request _dump); a caller still sending after 5 s is cut off.
function payloadTooLarge(req: IncomingMessage, res: ServerResponse, limit: number): void {
  sendJson(res, 413, {
    code: "413",
    message: `The request body is larger than ${limit} bytes.`,
    hint: "payload_too_large",
  });
  setTimeout(() => {
    if (!req.complete) req.socket.destroy();
  }, 5_000).unref();
}

interface ProxyTarget {
  port: number;
  path: string;
  headers: IncomingMessage["headers"];
  maxBodyBytes: number;
  waitForRestart: boolean;
  /** Reads the whole body first; a body it answers for is refused with 400 and that answer. */
  refuseBody?: (body: Buffer) => unknown;
}

// Sends the request to the upstream and streams its answer back. Deno restarts when a function
// file changes; requests to functions are held in memory (at most the route's body limit) so
// they can wait for it to come back instead of failing; so are REST form and CSV bodies, checked
// whole before PostgREST sees them (utf8.ts). A chunked body that grows past the limit
// is cut off with 413. A client that goes away before its answer has ended (a cancelled
// download) ends the upstream request too, so the upstream sees the cancel (audit-export then
// records the rows it sent) instead of an answer held open that nobody reads.
function proxy(req: IncomingMessage, res: ServerResponse, target: ProxyTarget): Promise<void> {
  const idempotent = ["GET", "HEAD", "OPTIONS"].includes(req.method ?? "GET");
  const buffered = target.waitForRestart || target.refuseBody !== undefined;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    // Set once the exchange is given up (body over the limit, client gone): no more attempts.
    let abandoned = false;
    let current: ClientRequest | undefined;
    res.once("close", () => {
      if (res.writableFinished) return;
      abandoned = true;
      current?.destroy();
      resolve();
    });
    const attempt = (restartTriesLeft: number, mayRetryReset: boolean) => {
      if (abandoned) return resolve();
      const upstreamReq = httpRequest(
        {
          host: "127.0.0.1",
          port: target.port,
          method: req.method,
          path: target.path,
          headers: target.headers,
          agent: upstreamAgent,
        },
        (upstreamRes) => {
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
          upstreamRes.pipe(res);
          upstreamRes.on("end", resolve);
          upstreamRes.on("error", reject);
        },
      );
      current = upstreamReq;
      upstreamReq.on("error", (error: NodeJS.ErrnoException) => {
        if (abandoned) resolve();
        else if (target.waitForRestart && error.code === "ECONNREFUSED" && restartTriesLeft > 0)
          setTimeout(() => attempt(restartTriesLeft - 1, mayRetryReset), 200);
        else if (mayRetryReset && upstreamReq.reusedSocket && error.code === "ECONNRESET")
          attempt(restartTriesLeft, false);
        else reject(error);
      });
      if (buffered || req.readableEnded) upstreamReq.end(Buffer.concat(chunks));
      else req.pipe(upstreamReq);
    };
    req.on("data", (chunk: Buffer) => {
      if (abandoned) return;
      received += chunk.length;
      if (received <= target.maxBodyBytes) {
        if (buffered) chunks.push(chunk);
        return;
      }
      abandoned = true;
      req.unpipe();
      current?.destroy();
      if (res.headersSent) res.destroy();
      else payloadTooLarge(req, res, target.maxBodyBytes);
    });
    req.on("error", reject);
    if (!buffered) return attempt(0, idempotent);
    req.on("end", () => {
      if (abandoned) return resolve();
      const refusal = target.refuseBody?.(Buffer.concat(chunks));
      if (refusal === undefined) return attempt(target.waitForRestart ? 100 : 0, idempotent);
      sendJson(res, 400, refusal);
      resolve();
    });
  });
}

function algOf(token: string): unknown {
  try {
    return decodeProtectedHeader(token).alg;
  } catch {
    return undefined;
  }
}

function invalidApiKey(res: ServerResponse): void {
  sendJson(res, 401, {
    message: "Invalid API key",
    hint: "Double check your Supabase `anon` or `service_role` API key.",
  });
}

// The hosted gateway refuses secret keys from browsers, recognised by their User-Agent (Supabase
// docs, guides/api/api-keys.mdx). Browsers all announce themselves as Mozilla/5.0.
function isBrowser(userAgent: string | undefined): boolean {
  return userAgent?.startsWith("Mozilla/") ?? false;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
