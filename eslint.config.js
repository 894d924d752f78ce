import fs from "node:fs";
import path from "node:path";
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const root = import.meta.dirname;

// Layers (STYLE.md): shared code → kit → features → app. Shared code imports neither
// the kit, features nor the app; the kit (what a host app imports, docs/kit.md) imports
// only shared code; features never import the app, and a feature never imports another
// feature. src/testing may import anything, but only tests may
// import it.
const shared = ["components", "config", "lib", "stores", "types"].map((dir) => `./src/${dir}`);
const features = fs
  .readdirSync(path.join(root, "src/features"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const layerZones = [
  {
    target: shared,
    from: ["./src/kit", "./src/features", "./src/app"],
    message: "Shared code must not depend on the kit, features or the app.",
  },
  {
    target: "./src/kit",
    from: ["./src/features", "./src/app"],
    message:
      "Host apps import the kit without Roster's admin pages: it must not depend on features or the app.",
  },
  {
    target: "./src/features",
    from: "./src/app",
    message: "Features must not depend on the app; the app composes features.",
  },
  ...features.map((feature) => ({
    target: `./src/features/${feature}`,
    from: "./src/features",
    except: [`./${feature}`],
    message: "A feature must not import another feature; move what both need to shared code.",
  })),
];
const testingZone = {
  target: "./src",
  from: "./src/testing",
  message: "Only tests may import src/testing.",
};
const testFiles = ["src/**/__tests__/**", "src/**/*.test.{ts,tsx}", "src/testing/**"];

export default defineConfig([
  globalIgnores([
    "dist",
    "coverage",
    ".roster",
    "playwright-report",
    "test-results",
    // Deno code, checked by `deno lint`/`deno check`.
    "supabase/functions",
    "supabase/local/deno",
  ]),

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    files: ["**/*.{js,ts,tsx}"],
    extends: [importX.flatConfigs.typescript],
    settings: {
      "import-x/resolver-next": [
        createNodeResolver({
          extensions: [".ts", ".tsx", ".d.ts", ".js", ".mjs", ".cjs", ".json"],
          tsconfig: { configFile: path.join(root, "tsconfig.app.json") },
        }),
      ],
    },
    rules: {
      "import-x/no-cycle": "error",
      "import-x/no-self-import": "error",
      "import-x/no-duplicates": "error",
    },
  },

  {
    files: ["src/**/*.{ts,tsx}"],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
    rules: {
      "import-x/no-restricted-paths": ["error", { zones: [...layerZones, testingZone] }],
      // createClient bundles realtime and storage, which the SPA never uses (src/lib/supabase.ts).
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@supabase/supabase-js",
              message: "Import from @supabase/auth-js, postgrest-js or functions-js instead.",
            },
          ],
        },
      ],
    },
  },
  {
    files: testFiles,
    rules: {
      "import-x/no-restricted-paths": ["error", { zones: layerZones }],
    },
  },

  {
    files: ["*.{js,ts}", "supabase/local/**/*.ts", "scripts/**/*.ts", "tests/**/*.ts"],
    languageOptions: { globals: globals.node },
  },
]);
