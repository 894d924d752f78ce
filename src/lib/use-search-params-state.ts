import { useLayoutEffect, useRef } from "react";
import { useSearchParams } from "react-router";

type Update = (previous: URLSearchParams) => URLSearchParams;

/**
 * `useSearchParams` whose functional updates compose. React Router hands the updater the
 * params of the last render, and renders each navigation in turn, so two updates made before
 * the page catches up (a debounced search firing just as a date is picked) would drop one.
 * This builds each update on the newest URL asked for, until the page shows it.
 */
export function useSearchParamsState(): [URLSearchParams, (update: Update) => void] {
  const [params, setParams] = useSearchParams();
  const latest = useRef(params);
  // URLs asked for here that the page has not rendered yet, oldest first.
  const inFlight = useRef<string[]>([]);
  useLayoutEffect(() => {
    const shown = inFlight.current.indexOf(params.toString());
    // A URL we did not ask for (back button, a link) replaces whatever was in flight.
    inFlight.current = shown === -1 ? [] : inFlight.current.slice(shown + 1);
    if (inFlight.current.length === 0) latest.current = params;
  }, [params]);
  const update = (change: Update) => {
    latest.current = change(new URLSearchParams(latest.current));
    inFlight.current.push(latest.current.toString());
    setParams(latest.current);
  };
  return [params, update];
}
