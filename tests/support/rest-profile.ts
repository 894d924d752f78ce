// PostgREST picks a request's schema from Accept-Profile (reads) or Content-Profile (writes) and
// otherwise uses the first exposed schema, which in a real app is `public`. Roster's tables and
// RPCs are in `roster`; the demo tenant tables stand for an app's own tables and stay in `public`.
// A raw request names the schema of what it addresses, as supabase-js does for `db: { schema }`.
export type ExposedSchema = "roster" | "public";

export const appTables: readonly string[] = ["customers", "conversations", "messages", "ai_drafts"];

export const schemaOf = (relation: string): ExposedSchema =>
  appTables.includes(relation) ? "public" : "roster";

/** Schema-qualified name of a relation or function, for SQL. */
export const qualified = (relation: string) => `${schemaOf(relation)}.${relation}`;

/** The profile header for a request to `/rest/v1/<relation>` or `/rest/v1/rpc/<function>`. */
export function profileHeaders(method: string, url: string): Record<string, string> {
  const { pathname } = new URL(url, "http://api.invalid");
  const relation = /^\/rest\/v1\/(?:rpc\/)?([^/]+)/.exec(pathname)?.[1];
  if (relation === undefined) return {};
  const reads = ["GET", "HEAD"].includes(method.toUpperCase());
  return { [reads ? "accept-profile" : "content-profile"]: schemaOf(decodeURIComponent(relation)) };
}
