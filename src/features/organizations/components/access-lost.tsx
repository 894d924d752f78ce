import { Link } from "react-router";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { paths } from "@/config/paths";
import { formatDate } from "@/lib/format";
import { type MyAccess, useMyAccess } from "../api/get-my-access";
import { useMyOrganizations } from "@/kit/api/get-my-organizations";

/** Why the user can no longer open an organization they belonged to, and what to do about it. */
export function describeLostAccess(access: MyAccess): { title: string; next: string } | null {
  if (access.deleted) {
    return {
      title: `${access.name} was deleted`,
      next: "Its data is no longer available to anyone.",
    };
  }
  if (access.status === "suspended") {
    return {
      title: `Your access to ${access.name} was suspended${access.suspendedAt ? ` on ${formatDate(access.suspendedAt)}` : ""}`,
      next: `While suspended you can't see or change anything there. Ask the owner or an admin of ${access.name} to reactivate you.`,
    };
  }
  if (access.status === "removed") {
    return {
      title: `You were removed from ${access.name}${access.removedAt ? ` on ${formatDate(access.removedAt)}` : ""}`,
      next: `To come back, ask the owner or an admin of ${access.name} for a new invitation.`,
    };
  }
  return null;
}

/** The organizations the user can still open: the way forward after losing one. */
function SwitchOrganization() {
  const organizations = useMyOrganizations();
  if (!organizations.data?.length) return null;
  return (
    <nav aria-label="Your organizations" className="grid gap-2">
      <p className="text-sm text-muted-foreground">Switch to one of your organizations:</p>
      <ul className="flex flex-wrap gap-2">
        {organizations.data.map((org) => (
          <li key={org.id}>
            <Button asChild variant="outline" size="sm">
              <Link to={paths.org.getHref(org.slug)}>{org.name}</Link>
            </Button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * /o/:slug when the slug is not one of the user's active organizations: says "suspended",
 * "removed" or "deleted" when it was theirs (from `my_access`), else that there is none.
 */
export function OrgUnavailable({ slug }: { slug: string }) {
  const access = useMyAccess();
  if (access.isPending) {
    return (
      <div role="status" className="grid gap-3">
        <span className="sr-only">Loading organization…</span>
        <Skeleton className="h-8 w-48" />
      </div>
    );
  }
  // A deleted org frees its slug: prefer a live organization of that name.
  const mine = access.data
    ?.filter((row) => row.slug === slug)
    .sort((a, b) => Number(a.deleted) - Number(b.deleted))[0];
  const lost = mine && describeLostAccess(mine);
  return (
    <div className="grid justify-items-start gap-4">
      <div className="grid gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">
          {lost ? lost.title : "Organization not found"}
        </h1>
        <p className="text-muted-foreground">
          {lost
            ? lost.next
            : `There is no organization at “${slug}” that you are an active member of.`}
        </p>
      </div>
      <SwitchOrganization />
      <Button asChild variant="outline">
        <Link to={paths.home.getHref()}>Go to your organizations</Link>
      </Button>
    </div>
  );
}
