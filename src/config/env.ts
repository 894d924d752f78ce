function required(name: "VITE_SUPABASE_URL" | "VITE_SUPABASE_ANON_KEY"): string {
  const value = import.meta.env[name]?.trim();
  if (!value) {
    throw new Error(
      `${name} is not set. Add it to .env.local (or the build environment) and restart Vite.`,
    );
  }
  return value;
}

function url(name: "VITE_SUPABASE_URL"): string {
  const value = required(name);
  try {
    new URL(value);
  } catch {
    throw new Error(
      `${name} must be an absolute URL such as http://127.0.0.1:54321, got "${value}".`,
    );
  }
  return value;
}

export const env = {
  supabaseUrl: url("VITE_SUPABASE_URL"),
  supabaseAnonKey: required("VITE_SUPABASE_ANON_KEY"),
} as const;
