import { CheckIcon, ChevronsUpDownIcon, PlusIcon } from "lucide-react";
import { useState } from "react";
import { Link } from "react-router";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { paths } from "@/config/paths";
import { roleLabels } from "@/lib/roles";
import { useMyOrganizations } from "../api/get-my-organizations";
import { useOrgFromUrl } from "../hooks/use-current-org";
import { CreateOrganizationDialog } from "./create-organization-dialog";

/** The top bar's organization picker: the user's organizations with their role, and "Create". */
export function OrgSwitcher() {
  const organizations = useMyOrganizations();
  const current = useOrgFromUrl();
  const [creating, setCreating] = useState(false);
  const currentSlug = current.status === "ready" ? current.org.slug : undefined;
  const currentName = current.status === "ready" ? current.org.name : "Organizations";

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="outline" className="h-9 max-w-44 min-w-0 gap-2 px-3 sm:max-w-64">
            <span className="truncate">{currentName}</span>
            <span className="sr-only">, switch organization</span>
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
                to={paths.org.getHref(org.slug)}
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
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => setCreating(true)}>
            <PlusIcon aria-hidden />
            Create organization
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <CreateOrganizationDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}
