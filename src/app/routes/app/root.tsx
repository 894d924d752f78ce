import { Link, Outlet } from "react-router";
import { Logo } from "@/components/logo";
import { paths } from "@/config/paths";
import { ProtectedRoute } from "@/features/auth/components/protected-route";
import { UserMenu } from "@/features/auth/components/user-menu";
import { OrgNav } from "@/features/organizations/components/org-nav";
import { RosterOrgSwitcher } from "@/features/organizations/components/org-switcher";
import { PendingTransferBanner } from "@/features/ownership/components/pending-transfer-banner";

// The signed-in shell: top bar (organization, its sections, the user), any ownership offered to
// the user, then the current screen.
export function AppRoot() {
  return (
    <ProtectedRoute>
      <a
        href="#main"
        className="sr-only rounded-md bg-background px-3 py-2 focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:ring-[3px] focus:ring-ring/50"
      >
        Skip to content
      </a>
      <div className="flex min-h-svh flex-col">
        <header className="sticky top-0 z-40 border-b bg-background/90 backdrop-blur">
          <div className="mx-auto flex h-14 w-full max-w-6xl items-center gap-2 px-4 sm:gap-4 sm:px-6">
            <Link
              to={paths.home.getHref()}
              aria-label="Roster home"
              className="rounded-md outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
            >
              <Logo textClassName="sr-only sm:not-sr-only" />
            </Link>
            <RosterOrgSwitcher />
            <div className="ml-auto">
              <UserMenu />
            </div>
          </div>
          <div className="mx-auto w-full max-w-6xl px-2 sm:px-4">
            <OrgNav />
          </div>
        </header>
        <PendingTransferBanner />
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:px-6 sm:py-8">
          <Outlet />
        </main>
      </div>
    </ProtectedRoute>
  );
}
