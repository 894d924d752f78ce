import { RequirePagePermission } from "@/features/organizations/components/no-access";
import { WorkspacePage } from "@/features/workspace/components/workspace-page";
import { orgPage } from "@/lib/org-pages";

export function WorkspaceRoute() {
  return (
    <RequirePagePermission page={orgPage("Workspace")}>
      <WorkspacePage />
    </RequirePagePermission>
  );
}
