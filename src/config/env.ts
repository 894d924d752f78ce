type Name = "VITE_SUPABASE_URL" | "VITE_SUPABASE_PUBLISHABLE_KEY" | "VITE_SUPABASE_ANON_KEY";

function optional(name: Name): string | undefined {
  return import.meta.env[name]?.trim() || undefined;
}

function missing(name: string): Error {
  return new Error(
    `${name} is not set. Add it to .env.local (or the build environment) and restart Vite.`,
  );
}

function url(name: "VITE_SUPABASE_URL"): string {
  const value = optional(name);
  if (!value) throw missing(name);
  try {
    new URL(value);
  } catch {
    throw new Error(
      `${name} must be an absolute URL such as http://127.0.0.1:54321, got "${value}".`,
    );
  }
  return value;
}

// The project's public API key: the publishable key (sb_publishable_…), or the legacy anon JWT
// for projects that still use it.
function publicKey(): string {
  const key = optional("VITE_SUPABASE_PUBLISHABLE_KEY") ?? optional("VITE_SUPABASE_ANON_KEY");
  if (!key) throw missing("VITE_SUPABASE_PUBLISHABLE_KEY (or VITE_SUPABASE_ANON_KEY)");
  return key;
}

export const env = {
  supabaseUrl: url("VITE_SUPABASE_URL"),
  supabaseKey: publicKey(),
} as const;
