import type { InfiniteData, UseInfiniteQueryResult } from "@tanstack/react-query";
import { LoaderCircleIcon, PlusIcon } from "lucide-react";
import { Fragment, type ReactNode, useState } from "react";
import { LoadError } from "@/components/load-error";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { Can } from "@/kit/can";

export type Column<T> = { header: string; cell: (row: T) => ReactNode; className?: string };

type EditableRowsProps<T extends { id: string }> = {
  /** "Customers": the table's caption and what the messages name. */
  label: string;
  columns: Column<T>[];
  rows: UseInfiniteQueryResult<InfiniteData<T[]>>;
  empty: string;
  /** Who may add and edit rows: for anyone else, no Edit buttons. */
  writePermission: string;
  rowName: (row: T) => string;
  /** "New customer": adds a row, for `writePermission` holders (disabled with why for others). */
  newLabel: string;
  /** The create (null) or edit dialog; `close` is its onOpenChange. */
  renderDialog: (row: T | null, close: (open: boolean) => void) => ReactNode;
};

/** Which row the dialog edits: "new" adds one; null while none is open. */
type Editing<T> = T | "new" | null;

/**
 * A tenant table a page at a time: "New" and each row's Edit for holders of `writePermission`,
 * with the dialog they open.
 */
export function EditableRows<T extends { id: string }>(props: EditableRowsProps<T>) {
  const [editing, setEditing] = useState<Editing<T>>(null);
  const row = editing === "new" ? null : editing;
  return (
    <div className="grid gap-4">
      <Can permission={props.writePermission} mode="disable">
        <Button className="justify-self-start" onClick={() => setEditing("new")}>
          <PlusIcon aria-hidden />
          {props.newLabel}
        </Button>
      </Can>
      <RowsTable {...props} onEdit={setEditing} />
      {/* Keyed, so each opening starts from the row as listed. */}
      {editing && (
        <Fragment key={row?.id ?? "new"}>
          {props.renderDialog(row, (open) => !open && setEditing(null))}
        </Fragment>
      )}
    </div>
  );
}

function RowsTable<T extends { id: string }>({
  label,
  columns,
  rows,
  empty,
  writePermission,
  rowName,
  onEdit,
}: Omit<EditableRowsProps<T>, "newLabel" | "renderDialog"> & { onEdit: (row: T) => void }) {
  if (rows.isPending) {
    return (
      <div role="status" className="grid gap-2 rounded-lg border p-3">
        <span className="sr-only">Loading {label.toLowerCase()}…</span>
        {Array.from({ length: 4 }, (_, index) => (
          <Skeleton key={index} className="h-6 w-full" />
        ))}
      </div>
    );
  }
  if (rows.isError) {
    return (
      <LoadError
        title={`Couldn't load the ${label.toLowerCase()}`}
        error={rows.error}
        onRetry={() => void rows.refetch()}
      />
    );
  }
  const loaded = rows.data.pages.flat();
  if (loaded.length === 0) return <p className="text-muted-foreground">{empty}</p>;

  return (
    <div className="grid justify-items-start gap-3">
      <div className="w-full overflow-x-auto rounded-lg border bg-card">
        <table className="w-full text-sm">
          <caption className="sr-only">{label}</caption>
          <thead className="bg-muted/50 text-left text-xs text-muted-foreground">
            <tr>
              {columns.map((column) => (
                <th
                  key={column.header}
                  scope="col"
                  className={`px-3 py-2 font-medium ${column.className ?? ""}`}
                >
                  {column.header}
                </th>
              ))}
              <th scope="col" className="w-20 px-3 py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {loaded.map((row) => (
              <tr key={row.id} className="border-t align-top">
                {columns.map((column) => (
                  <td
                    key={column.header}
                    className={`px-3 py-2 break-words ${column.className ?? ""}`}
                  >
                    {column.cell(row)}
                  </td>
                ))}
                <td className="px-3 py-1.5 text-right">
                  <Can permission={writePermission}>
                    <Button
                      variant="outline"
                      size="sm"
                      aria-label={`Edit ${rowName(row)}`}
                      onClick={() => onEdit(row)}
                    >
                      Edit
                    </Button>
                  </Can>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.hasNextPage && (
        <Button
          variant="outline"
          disabled={rows.isFetchingNextPage}
          onClick={() => void rows.fetchNextPage()}
        >
          {rows.isFetchingNextPage && <LoaderCircleIcon aria-hidden className="animate-spin" />}
          Load more {label.toLowerCase()}
        </Button>
      )}
    </div>
  );
}
