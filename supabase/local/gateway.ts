// One port in front of the stack, routing like `supabase start`'s gateway: /rest/v1 -> PostgREST,
// /auth/v1 -> auth, /functions/v1 -> Deno, each with its prefix stripped. REST and auth require a
// project API key (the `apikey` header), legacy JWT or `sb_publishable_`/`sb_secret_`; functions
// answer CORS themselves and have the caller's JWT checked here only where config.toml keeps
// `verify_jwt = true`, as on Supabase.
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import type { StackKeys } from "./config.ts";
import { publicJwks, type JwtKeys } from "./signing-keys.ts";
import { bodyCheck, isUtf8, notUtf8, readBody } from "./utf8.ts";

interface Upstream {
  port: number;
  requiresApiKey: (method: string, path: string) => boolean;
  cors: boolean;
}

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
    "/rest/v1": { port: options.upstreams.rest, requiresApiKey: () => true, cors: true },
    "/auth/v1": {
      port: options.upstreams.auth,
      requiresApiKey: (method, path) => !(method === "GET" && openAuthPaths.has(path)),
      cors: true,
    },
    "/functions/v1": {
      port: options.upstreams.functions,
      requiresApiKey: () => false,
      cors: false,
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
    const clientIp = req.socket.remoteAddress ?? "";
    headers["x-forwarded-for"] = headers["x-forwarded-for"]
      ? `${headers["x-forwarded-for"]}, ${clientIp}`
      : clientIp;
    headers["x-real-ip"] ??= clientIp;
    headers["x-forwarded-host"] = req.headers.host ?? "";
    headers["x-forwarded-prefix"] = prefix;
    const check = prefix === "/rest/v1" ? bodyCheck(headers["content-type"]) : undefined;
    const body = check ? await readBody(req) : undefined;
    if (check && body && !isUtf8(body, check.escapes))
      return sendJson(res, 400, notUtf8("PGRST102", "body"));
    await proxy(
      req,
      res,
      upstream.port,
      path + url.search,
      headers,
      prefix === "/functions/v1",
      body,
    );
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

// Streams the request to the upstream and its answer back. Deno restarts when a function file
// changes; requests to functions then wait for it to come back instead of failing.
function proxy(
  req: IncomingMessage,
  res: ServerResponse,
  port: number,
  path: string,
  headers: IncomingMessage["headers"],
  waitForRestart: boolean,
  // A body the gateway has already read (to check it).
  body?: Buffer,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const attempt = (triesLeft: number) => {
      const upstreamReq = httpRequest(
        { host: "127.0.0.1", port, method: req.method, path, headers },
        (upstreamRes) => {
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
          upstreamRes.pipe(res);
          upstreamRes.on("end", resolve);
          upstreamRes.on("error", reject);
        },
      );
      upstreamReq.on("error", (error: NodeJS.ErrnoException) => {
        if (waitForRestart && error.code === "ECONNREFUSED" && triesLeft > 0) {
          setTimeout(() => attempt(triesLeft - 1), 200);
        } else {
          reject(error);
        }
      });
      if (body) upstreamReq.end(body);
      else if (waitForRestart) upstreamReq.end(Buffer.concat(chunks));
      else req.pipe(upstreamReq);
    };
    if (body || !waitForRestart) return attempt(0);
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => attempt(100));
    req.on("error", reject);
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
