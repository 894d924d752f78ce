// A call answered 5xx (or not at all) as one line with enough to reproduce it: the suite's
// failure message. Nothing is tolerated: every 5xx fails the run.
import type { Failure } from "./http.ts";

export function describeFailures(failures: Failure[]): string[] {
  return failures.map(
    (failure) =>
      `${failure.status} ${failure.call.method ?? "POST"} ${failure.call.path.slice(0, 300)} ` +
      `headers=${JSON.stringify(failure.call.headers ?? {})} as=${callerOf(failure.call)} ` +
      `body=${JSON.stringify(failure.call.body)?.slice(0, 300)} → ${failure.text}`,
  );
}

function callerOf(call: Failure["call"]): string {
  if (call.token) return "user";
  if (call.apikey === null) return "no key";
  return call.apikey ? "service" : "anon";
}
