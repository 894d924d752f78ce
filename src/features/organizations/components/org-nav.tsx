import { NavLink } from "react-router";
import { cn } from "@/lib/utils";
import { useOrgFromUrl } from "../hooks/use-org-from-url";
import { visibleOrgPages } from "@/lib/org-pages";

// Links for what the user's role may open; the server still checks every request.
export function OrgNav() {
  const state = useOrgFromUrl();
  if (state.status !== "ready") return null;
  const pages = visibleOrgPages(state.org.permissions);
  if (pages.length === 0) return null;

  return (
    <nav aria-label={`${state.org.name} sections`} className="-mb-px overflow-x-auto">
      <ul className="flex gap-1">
        {pages.map((page) => (
          <li key={page.label}>
            <NavLink
              to={page.getHref(state.org.slug)}
              className={({ isActive }) =>
                cn(
                  "inline-flex h-10 items-center border-b-2 border-transparent px-3 text-sm font-medium whitespace-nowrap text-muted-foreground outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50",
                  isActive && "border-primary text-foreground",
                )
              }
            >
              {page.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
