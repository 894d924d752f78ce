import { canOpenPage, orgPages } from "@/lib/org-pages";

/** The organization's pages, each with whether a role holding `granted` sees it in the app. */
export function previewPages(granted: ReadonlySet<string>) {
  return orgPages.map((page) => ({ label: page.label, visible: canOpenPage(page, granted) }));
}
