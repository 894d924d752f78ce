import { useState } from "react";
import { createBrowserRouter, type RouteObject, RouterProvider } from "react-router";
import { PageLoader } from "@/components/page-loader";
import { RouteError } from "@/components/route-error";
import { paths } from "@/config/paths";

// Every screen is its own chunk, loaded when first visited.
export const routes: RouteObject[] = [
  {
    HydrateFallback: PageLoader,
    ErrorBoundary: RouteError,
    children: [
      {
        path: paths.signIn.path,
        lazy: async () => ({ Component: (await import("./routes/sign-in")).SignInRoute }),
      },
      {
        path: paths.signUp.path,
        lazy: async () => ({ Component: (await import("./routes/sign-up")).SignUpRoute }),
      },
      {
        path: paths.forgotPassword.path,
        lazy: async () => ({
          Component: (await import("./routes/forgot-password")).ForgotPasswordRoute,
        }),
      },
      {
        path: paths.resetPassword.path,
        lazy: async () => ({
          Component: (await import("./routes/reset-password")).ResetPasswordRoute,
        }),
      },
      {
        // Public: an invitee sees what they were invited to before signing in.
        path: paths.invite.path,
        lazy: async () => ({ Component: (await import("./routes/invite")).InviteRoute }),
      },
      {
        path: paths.home.path,
        lazy: async () => ({ Component: (await import("./routes/app/root")).AppRoot }),
        children: [
          {
            index: true,
            lazy: async () => ({ Component: (await import("./routes/app/home")).HomeRoute }),
          },
          {
            path: paths.profile.path,
            lazy: async () => ({ Component: (await import("./routes/app/profile")).ProfileRoute }),
          },
          {
            path: paths.org.path,
            lazy: async () => ({ Component: (await import("./routes/app/org/layout")).OrgLayout }),
            children: [
              {
                index: true,
                lazy: async () => ({
                  Component: (await import("./routes/app/org/landing")).OrgLandingRoute,
                }),
              },
              {
                path: paths.members.path,
                lazy: async () => ({
                  Component: (await import("./routes/app/org/members")).MembersRoute,
                }),
              },
              {
                path: paths.roles.path,
                lazy: async () => ({
                  Component: (await import("./routes/app/org/roles")).RolesRoute,
                }),
              },
              {
                path: paths.audit.path,
                lazy: async () => ({
                  Component: (await import("./routes/app/org/audit")).AuditRoute,
                }),
              },
              {
                path: paths.workspace.path,
                lazy: async () => ({
                  Component: (await import("./routes/app/org/workspace")).WorkspaceRoute,
                }),
              },
              {
                path: paths.settings.path,
                lazy: async () => ({
                  Component: (await import("./routes/app/org/settings")).SettingsRoute,
                }),
              },
            ],
          },
          {
            // Unknown addresses sit behind sign-in too, so they reveal nothing to visitors.
            path: "*",
            lazy: async () => ({ Component: (await import("./routes/not-found")).NotFoundRoute }),
          },
        ],
      },
    ],
  },
];

export function AppRouter() {
  const [router] = useState(() => createBrowserRouter(routes));
  return <RouterProvider router={router} />;
}
