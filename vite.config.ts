import path from "node:path";
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig, type Connect, type Plugin } from "vite";

// `npm run dev` and `npm test` start Vite with a token of their own and wait until the SPA's port
// answers with it, so a different server already holding the port is never taken for theirs
// (supabase/local/process.ts waitForOwnServer).
function runToken(token: string | undefined): Plugin {
  const stamp: Connect.NextHandleFunction = (_req, res, next) => {
    if (token) res.setHeader("x-roster-run", token);
    next();
  };
  return {
    name: "roster-run-token",
    configureServer: (server) => void server.middlewares.use(stamp),
    configurePreviewServer: (server) => void server.middlewares.use(stamp),
  };
}

export default defineConfig({
  plugins: [react(), tailwindcss(), runToken(process.env.ROSTER_RUN_TOKEN)],
  resolve: {
    alias: { "@": path.resolve(import.meta.dirname, "src") },
  },
});
