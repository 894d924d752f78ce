// One port in front of the stack, routing like `supabase start`'s gateway: /rest/v1 -> PostgREST,
// /auth/v1 -> auth, /functions/v1 -> Deno, each with its prefix stripped. REST and auth require a
// project API key (the `apikey` header); functions check the caller's JWT themselves unless
// configured not to, and answer CORS themselves, as on Supabase.
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { jwtVerify } from "jose";
import { jwtSecret, type StackKeys } from "./config.ts";

interface Upstream {
  port: number;
  requiresApiKey: (method: string, path: string) => boolean;
  cors: boolean;
}

export interface GatewayOptions {
  port: number;
  keys: StackKeys;
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

// Auth endpoints a browser reaches without an API key (the emailed verification link).
const openAuthPaths = new Set(["/verify", "/callback", "/authorize", "/health"]);

export async function startGateway(options: GatewayOptions): Promise<Server> {
  const secret = new TextEncoder().encode(jwtSecret);
  const apiKeys = new Set([options.keys.anonKey, options.keys.serviceRoleKey]);
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
      if (!apiKeys.has(apiKey))
        return sendJson(res, 401, {
          message: "Invalid API key",
          hint: "Double check your Supabase `anon` or `service_role` API key.",
        });
      headers.authorization ??= `Bearer ${apiKey}`;
    }
    if (prefix === "/functions/v1") {
      const name = path.split("/")[1] ?? "";
      if (req.method !== "OPTIONS" && !(await options.functionsWithoutJwtCheck()).has(name)) {
        const token = headers.authorization?.match(/^Bearer (.+)$/i)?.[1];
        const valid = token
          ? await jwtVerify(token, secret, { algorithms: ["HS256"] }).then(
              () => true,
              () => false,
            )
          : false;
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
    await proxy(req, res, upstream.port, path + url.search, headers, prefix === "/functions/v1");
  }

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
      if (waitForRestart) upstreamReq.end(Buffer.concat(chunks));
      else req.pipe(upstreamReq);
    };
    if (!waitForRestart) return attempt(0);
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => attempt(100));
    req.on("error", reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
