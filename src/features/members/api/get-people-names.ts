import { queryOptions, useQuery } from "@tanstack/react-query";
import { getDisplayNames } from "@/lib/display-names";
import { memberKeys } from "./keys";

/** Display names of the people a row or drawer mentions (who suspended, removed, revoked). */
export function getPeopleNamesQueryOptions(orgId: string, userIds: readonly (string | null)[]) {
  const ids = [...new Set(userIds.filter((id) => id !== null))].sort();
  return queryOptions({
    queryKey: memberKeys.names(orgId, ids),
    queryFn: () => getDisplayNames(ids),
    enabled: ids.length > 0,
  });
}

/** Names by user id; an id whose name is still loading, or hidden, is missing. */
export function usePeopleNames(
  orgId: string,
  userIds: readonly (string | null)[],
): ReadonlyMap<string, string> {
  const { data } = useQuery(getPeopleNamesQueryOptions(orgId, userIds));
  return new Map(Object.entries(data ?? {}));
}
