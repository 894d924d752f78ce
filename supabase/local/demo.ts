// The demo sign-in that supabase/seed.sql creates for local work, e2e tests and the README.
export const demoPassword = "roster-demo";
export const demoOwner = { email: "amelia@tehrandental.co", name: "Amelia Hart" };
export const demoAdmin = { email: "daniel@tehrandental.co", name: "Daniel Cho" };
