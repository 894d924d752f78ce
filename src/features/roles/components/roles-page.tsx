import { CircleAlertIcon } from "lucide-react";
import { useId, useMemo, useState } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { Switch } from "@/components/ui/switch";
import { getErrorMessage } from "@/lib/errors";
import { assignableRoles, type OrgRole, roleLabels } from "@/lib/roles";
import { usePermissionMatrix } from "../api/get-permission-matrix";
import { diffByArea, groupByArea } from "../utils/areas";
import { type MatrixEdit, PermissionMatrix } from "./permission-matrix";
import { ReviewChangesDialog } from "./review-changes-dialog";
import { RolePreview } from "./role-preview";

type RolesPageProps = {
  org: { id: string; name: string };
  actor: { role: OrgRole; permissions: ReadonlySet<string> };
};

/** /o/:slug/roles — the organization's permission matrix, a role preview, and the owner's editor. */
export function RolesPage({ org, actor }: RolesPageProps) {
  const id = useId();
  const matrix = usePermissionMatrix(org.id);
  const [edit, setEdit] = useState<MatrixEdit | null>(null);
  const [advanced, setAdvanced] = useState(false);
  const [reviewing, setReviewing] = useState(false);
  const [previewRole, setPreviewRole] = useState<OrgRole>("admin");
  const areas = useMemo(() => groupByArea(matrix.data?.catalog ?? []), [matrix.data]);
  // The server refuses owner-only keys and roles at or above the editor's own rank.
  const editableRoles = actor.permissions.has("permissions.manage")
    ? assignableRoles(actor.role)
    : [];

  const changes =
    edit && matrix.data ? diffByArea(areas, matrix.data.grants[edit.role], edit.draft) : [];
  const previewed =
    edit?.role === previewRole ? edit.draft : (matrix.data?.grants[previewRole] ?? new Set());

  return (
    <div className="grid gap-6">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Roles</h1>
        <p className="text-sm text-muted-foreground">
          What each role may do in {org.name}. This is the matrix the server enforces on every
          request.
        </p>
      </div>

      {matrix.isPending ? (
        <div role="status" className="grid gap-2 rounded-lg border p-3">
          <span className="sr-only">Loading the permission matrix…</span>
          {Array.from({ length: 8 }, (_, index) => (
            <Skeleton key={index} className="h-8 w-full" />
          ))}
        </div>
      ) : matrix.isError ? (
        <Alert variant="destructive">
          <CircleAlertIcon aria-hidden />
          <AlertTitle>Couldn't load the permission matrix</AlertTitle>
          <AlertDescription>
            <p>{getErrorMessage(matrix.error)}</p>
            <Button variant="outline" size="sm" onClick={() => void matrix.refetch()}>
              Try again
            </Button>
          </AlertDescription>
        </Alert>
      ) : (
        <>
          <section aria-labelledby={`${id}-matrix`} className="grid gap-3">
            <div className="flex flex-wrap items-center justify-between gap-3">
              <h2 id={`${id}-matrix`} className="text-lg font-semibold">
                Permission matrix
              </h2>
              {edit ? (
                <div className="flex flex-wrap items-center gap-2">
                  <div className="flex items-center gap-2">
                    <Switch
                      id={`${id}-advanced`}
                      checked={advanced}
                      onCheckedChange={setAdvanced}
                    />
                    <Label htmlFor={`${id}-advanced`}>Single permissions</Label>
                  </div>
                  <p role="status" className="text-sm text-muted-foreground">
                    Editing {roleLabels[edit.role]}:{" "}
                    {changes.length === 0
                      ? "no changes yet"
                      : `${changes.length} ${changes.length === 1 ? "area" : "areas"} changed`}
                  </p>
                  <Button variant="outline" size="sm" onClick={() => setEdit(null)}>
                    Cancel
                  </Button>
                  <Button
                    size="sm"
                    disabled={changes.length === 0}
                    onClick={() => setReviewing(true)}
                  >
                    Review changes
                  </Button>
                </div>
              ) : (
                editableRoles.length === 0 && (
                  <p className="text-sm text-muted-foreground">
                    Only the owner can change the matrix.
                  </p>
                )
              )}
            </div>
            <PermissionMatrix
              areas={areas}
              grants={matrix.data.grants}
              editableRoles={editableRoles}
              edit={edit}
              advanced={advanced}
              onEdit={(next) => {
                setEdit(next);
                setPreviewRole(next.role);
              }}
            />
          </section>

          <RolePreview
            areas={areas}
            role={previewRole}
            granted={previewed}
            unsaved={edit?.role === previewRole && changes.length > 0}
            onRoleChange={setPreviewRole}
          />

          {edit && (
            <ReviewChangesDialog
              open={reviewing}
              org={org}
              role={edit.role}
              changes={changes}
              draft={edit.draft}
              onClose={() => setReviewing(false)}
              onSaved={() => {
                setReviewing(false);
                setEdit(null);
              }}
            />
          )}
        </>
      )}
    </div>
  );
}
