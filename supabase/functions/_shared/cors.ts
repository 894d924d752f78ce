// CORS for browser callers. On Supabase (and on the local gateway) functions answer CORS
// themselves, preflight included.
export const corsHeaders: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-allow-headers": "authorization, x-client-info, apikey, content-type",
  "access-control-expose-headers": "content-disposition",
  "access-control-max-age": "3600",
};

// The answer to a CORS preflight, or undefined when the request is not one.
export function preflight(request: Request): Response | undefined {
  if (request.method !== "OPTIONS") return undefined;
  return new Response(null, { status: 204, headers: corsHeaders });
}
