import { DownloadIcon, LoaderCircleIcon } from "lucide-react";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { saveBlob } from "@/lib/download";
import { getErrorMessage } from "@/lib/errors";
import { type ExportFormat, type ExportProgress, useExportAuditLog } from "../api/export-audit-log";
import type { AuditFilters } from "../utils/audit-filters";

const sizeFormat = new Intl.NumberFormat("en", {
  style: "unit",
  unit: "kilobyte",
  maximumFractionDigits: 1,
});
const countFormat = new Intl.NumberFormat("en");

function formatSize(bytes: number): string {
  return bytes < 1_000_000
    ? sizeFormat.format(bytes / 1000)
    : `${(bytes / 1_000_000).toFixed(1)} MB`;
}

type ExportButtonProps = { orgId: string; filters: AuditFilters };

/** Exports the events matching the current filters through `audit-export`, with live progress. */
export function ExportButton({ orgId, filters }: ExportButtonProps) {
  const exportLog = useExportAuditLog();
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const controller = useRef<AbortController | null>(null);

  function start(format: ExportFormat) {
    controller.current = new AbortController();
    setProgress({ bytes: 0, rows: 0 });
    exportLog.mutate(
      { orgId, format, filters, signal: controller.current.signal, onProgress: setProgress },
      {
        onSuccess: (file) => {
          saveBlob(file.blob, file.filename);
          toast.success(
            `Exported ${countFormat.format(file.rows)} ${file.rows === 1 ? "event" : "events"}`,
          );
        },
        onError: (error) => {
          if (controller.current?.signal.aborted) toast("Export cancelled");
          else toast.error(`The export failed. ${getErrorMessage(error)}`);
        },
        onSettled: () => setProgress(null),
      },
    );
  }

  if (exportLog.isPending) {
    return (
      <div className="flex flex-wrap items-center gap-2">
        <p role="status" className="flex items-center gap-2 text-sm">
          <LoaderCircleIcon aria-hidden className="size-4 animate-spin" />
          {`Exporting… ${countFormat.format(progress?.rows ?? 0)} events (${formatSize(progress?.bytes ?? 0)})`}
        </p>
        <Button variant="outline" size="sm" onClick={() => controller.current?.abort()}>
          Cancel export
        </Button>
      </div>
    );
  }

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline">
          <DownloadIcon aria-hidden />
          Export
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuItem onSelect={() => start("csv")}>CSV (spreadsheets)</DropdownMenuItem>
        <DropdownMenuItem onSelect={() => start("jsonl")}>JSON Lines</DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
