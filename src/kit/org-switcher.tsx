import { CheckIcon, ChevronsUpDownIcon } from "lucide-react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { paths } from "@/config/paths";
import { roleLabels } from "@/lib/roles";
import { useMyOrganizations } from "./api/get-my-organizations";

type OrgSwitcherProps = {
  /** The organization on screen, ticked in the list and named on the button. */
  currentSlug?: string;
  /** Where an organization opens; Roster's own `/o/:slug` by default. */
  getHref?: (slug: string) => string;
  /** Shown on the button after the name, e.g. a count of waiting invitations. */
  badge?: ReactNode;
  /** More menu items under the organizations (DropdownMenuItem, separators, groups). */
  children?: ReactNode;
};

/** The top bar's organization picker: the user's active organizations with their role. */
export function OrgSwitcher({
  currentSlug,
  getHref = paths.org.getHref,
  badge,
  children,
}: OrgSwitcherProps) {
  const organizations = useMyOrganizations();
  const current = organizations.data?.find((org) => org.slug === currentSlug);

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" className="h-9 max-w-44 min-w-0 gap-2 px-3 sm:max-w-64">
          <span className="truncate">{current?.name ?? "Organizations"}</span>
          <span className="sr-only">, switch organization</span>
          {badge}
          <ChevronsUpDownIcon aria-hidden className="text-muted-foreground" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-72">
        <DropdownMenuLabel className="text-xs font-normal text-muted-foreground">
          Your organizations
        </DropdownMenuLabel>
        {organizations.data?.map((org) => (
          <DropdownMenuItem key={org.id} asChild>
            <Link
              to={getHref(org.slug)}
              aria-current={org.slug === currentSlug ? "page" : undefined}
            >
              <span className="min-w-0 flex-1 truncate">{org.name}</span>
              <Badge variant="secondary">{roleLabels[org.role]}</Badge>
              <CheckIcon
                aria-hidden
                className={org.slug === currentSlug ? "opacity-100" : "opacity-0"}
              />
            </Link>
          </DropdownMenuItem>
        ))}
        {organizations.isPending && (
          <DropdownMenuItem disabled>Loading organizations…</DropdownMenuItem>
        )}
        {organizations.data?.length === 0 && (
          <DropdownMenuItem disabled>No organizations yet</DropdownMenuItem>
        )}
        {children}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
