// Serves every supabase/functions/<name>/index.ts from one Deno process, the way Supabase's
// edge runtime routes /functions/v1/<name>. Each function calls Deno.serve(handler) as on
// Supabase; we capture that handler instead of opening a port per function. Run with --watch
// so an edited function is picked up without restarting the stack.
type Handler = (
  request: Request,
  info: Deno.ServeHandlerInfo<Deno.NetAddr>,
) => Response | Promise<Response>;

const functionsDir = new URL("../../functions/", import.meta.url);
const port = Number(Deno.env.get("FUNCTIONS_PORT") ?? "54333");
const handlers = new Map<string, Handler>();
const realServe = Deno.serve.bind(Deno);

async function loadFunctions(): Promise<void> {
  for await (const entry of Deno.readDir(functionsDir)) {
    if (!entry.isDirectory || entry.name.startsWith("_")) continue;
    const moduleUrl = new URL(`${entry.name}/index.ts`, functionsDir);
    try {
      await Deno.stat(moduleUrl);
    } catch {
      continue;
    }
    let captured: Handler | undefined;
    // deno-lint-ignore no-explicit-any
    (Deno as any).serve = (...args: unknown[]) => {
      const handler =
        args.find((arg) => typeof arg === "function") ??
        (args[0] as { handler?: Handler })?.handler;
      captured = handler as Handler;
      return {
        finished: new Promise(() => {}),
        shutdown: async () => {},
        ref() {},
        unref() {},
        addr: { transport: "tcp", hostname: "127.0.0.1", port },
      };
    };
    try {
      await import(moduleUrl.href);
      if (captured) handlers.set(entry.name, captured);
      else console.error(`function ${entry.name}: index.ts never called Deno.serve`);
    } catch (error) {
      console.error(`function ${entry.name} failed to load:`, error);
    }
  }
  // deno-lint-ignore no-explicit-any
  (Deno as any).serve = realServe;
}

await loadFunctions();

realServe(
  {
    port,
    hostname: "127.0.0.1",
    onListen: () => console.log(`functions ready: ${[...handlers.keys()].join(", ")}`),
  },
  async (request, info) => {
    const url = new URL(request.url);
    const [, name] = url.pathname.split("/");
    if (url.pathname === "/_health") return Response.json({ functions: [...handlers.keys()] });
    const handler = name ? handlers.get(name) : undefined;
    if (!handler)
      return Response.json(
        { code: "NOT_FOUND", message: "Requested function was not found" },
        { status: 404 },
      );
    try {
      return await handler(request, info);
    } catch (error) {
      console.error(`function ${name} threw:`, error);
      return Response.json(
        { code: "WORKER_ERROR", message: "Function exited due to an error" },
        { status: 500 },
      );
    }
  },
);
