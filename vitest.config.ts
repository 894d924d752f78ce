import { defineConfig, mergeConfig } from "vitest/config";
import viteConfig from "./vite.config.ts";

// Unit and component tests for the SPA, and checks of the project files that need no running
// stack (tests/config); the rest of tests/ has its own config.
export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      name: "unit",
      environment: "jsdom",
      include: ["src/**/*.test.{ts,tsx}", "tests/config/**/*.test.ts"],
      setupFiles: ["./src/testing/setup.ts"],
      restoreMocks: true,
      env: {
        VITE_SUPABASE_URL: "http://supabase.test",
        VITE_SUPABASE_ANON_KEY: "test-anon-key",
      },
    },
  }),
);
