import { useParams } from "react-router";
import { type OrgBySlug, useOrgBySlug } from "@/kit/current-org";

/** The organization in the URL (`/o/:slug`), resolved against the user's memberships. */
export function useOrgFromUrl(): OrgBySlug {
  return useOrgBySlug(useParams().slug);
}
