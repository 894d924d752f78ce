// The app's routes in one place: route definitions use `path`, links use `getHref`.
export const paths = {
  home: {
    path: "/",
    getHref: () => "/",
  },
  signIn: {
    path: "/sign-in",
    /** `redirectTo` is where to go after signing in; the default (home) is left out of the URL. */
    getHref: (redirectTo?: string | null) =>
      redirectTo && redirectTo !== "/"
        ? `/sign-in?redirect=${encodeURIComponent(redirectTo)}`
        : "/sign-in",
  },
  signUp: {
    path: "/sign-up",
    getHref: (redirectTo?: string | null) =>
      redirectTo && redirectTo !== "/"
        ? `/sign-up?redirect=${encodeURIComponent(redirectTo)}`
        : "/sign-up",
  },
  forgotPassword: {
    path: "/forgot-password",
    getHref: () => "/forgot-password",
  },
  resetPassword: {
    path: "/reset-password",
    getHref: () => "/reset-password",
  },
  profile: {
    path: "/profile",
    getHref: () => "/profile",
  },
  invite: {
    path: "/invite/:token",
    getHref: (token: string) => `/invite/${encodeURIComponent(token)}`,
  },
  org: {
    path: "/o/:slug",
    getHref: (slug: string) => `/o/${encodeURIComponent(slug)}`,
  },
  members: {
    path: "members",
    getHref: (slug: string) => `/o/${encodeURIComponent(slug)}/members`,
  },
  roles: {
    path: "roles",
    getHref: (slug: string) => `/o/${encodeURIComponent(slug)}/roles`,
  },
  audit: {
    path: "audit",
    getHref: (slug: string) => `/o/${encodeURIComponent(slug)}/audit`,
  },
  workspace: {
    path: "workspace",
    getHref: (slug: string) => `/o/${encodeURIComponent(slug)}/workspace`,
  },
  settings: {
    path: "settings",
    getHref: (slug: string) => `/o/${encodeURIComponent(slug)}/settings`,
  },
} as const;

const localOrigin = "http://roster.invalid";

/**
 * Returns `target` if it is a path inside this app, otherwise home. The redirect
 * query parameter is user-controlled, so anything that would leave the app
 * (`//evil.example`, `https://…`, `/\evil.example`) is refused.
 */
export function safeRedirect(target: string | null | undefined): string {
  if (!target?.startsWith("/")) return paths.home.getHref();
  try {
    const parsed = new URL(target, localOrigin);
    if (parsed.origin === localOrigin) return `${parsed.pathname}${parsed.search}${parsed.hash}`;
  } catch {
    // Unparseable: fall through to home.
  }
  return paths.home.getHref();
}
