/** The audit page's filters, exactly as they appear in the URL so a view can be shared. */
export type AuditFilters = {
  /** One action key, or several separated by commas. */
  action: string;
  /** The acting user's id. */
  actor: string;
  /** A user id, or text within the target's email. */
  target: string;
  /** First day shown, YYYY-MM-DD (local). */
  from: string;
  /** Last day shown, YYYY-MM-DD (local), inclusive. */
  to: string;
  /** Text within the actor's or target's email, the action or the reason. */
  q: string;
};

export const filterKeys = ["action", "actor", "target", "from", "to", "q"] as const;

export const noFilters: AuditFilters = {
  action: "",
  actor: "",
  target: "",
  from: "",
  to: "",
  q: "",
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
// Roster's actions and apps' `<area>.<verb>`, as the audit_events_action constraint allows.
const actionPattern = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/;

export const isUuid = (value: string) => uuidPattern.test(value);

export function readFilters(params: URLSearchParams): AuditFilters {
  const filters = { ...noFilters };
  for (const key of filterKeys) filters[key] = params.get(key)?.trim() ?? "";
  return filters;
}

/** `params` with the filters written in (empty ones left out) and everything else kept. */
export function writeFilters(params: URLSearchParams, filters: AuditFilters): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of filterKeys) {
    if (filters[key]) next.set(key, filters[key]);
    else next.delete(key);
  }
  return next;
}

/** A local calendar day as the date inputs hold it: YYYY-MM-DD. */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export const datePresets = [
  { label: "Today", days: 1 },
  { label: "Last 7 days", days: 7 },
  { label: "Last 30 days", days: 30 },
] as const;

/** The last `days` calendar days, today included. */
export function presetRange(days: number, now = new Date()): Pick<AuditFilters, "from" | "to"> {
  const first = new Date(now.getFullYear(), now.getMonth(), now.getDate() - (days - 1));
  return { from: localDay(first), to: localDay(now) };
}

/** From after To selects no day at all: the page says so instead of "no events match". */
export const datesReversed = (filters: AuditFilters) =>
  filters.from !== "" && filters.to !== "" && filters.from > filters.to;

export const hasFilters = (filters: AuditFilters) => filterKeys.some((key) => filters[key] !== "");

/** Midnight at the start of a local calendar day, as an ISO instant. */
function startOfDay(day: string, addDays = 0): string | undefined {
  if (!dayPattern.test(day)) return undefined;
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  const start = new Date(year, month - 1, date + addDays);
  return Number.isNaN(start.getTime()) ? undefined : start.toISOString();
}

/**
 * The filters as the server takes them, shared by the list and the export so that an export
 * holds exactly the events on screen: `from` ≤ occurred_at < `to` (the day after the last day).
 * Malformed values are dropped rather than sent.
 */
export type ServerFilters = {
  from?: string;
  to?: string;
  action?: string[];
  actorId?: string;
  target?: string;
  q?: string;
};

export function toServerFilters(filters: AuditFilters): ServerFilters {
  const actions = filters.action
    .split(",")
    .map((action) => action.trim())
    .filter((action) => actionPattern.test(action));
  return {
    from: startOfDay(filters.from),
    to: startOfDay(filters.to, 1),
    action: actions.length > 0 ? actions : undefined,
    actorId: isUuid(filters.actor) ? filters.actor : undefined,
    target: filters.target || undefined,
    q: filters.q || undefined,
  };
}
