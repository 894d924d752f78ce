import { useLayoutEffect, useRef } from "react";
import { useSearchParams } from "react-router";

type Update = (previous: URLSearchParams) => URLSearchParams;

/**
 * `useSearchParams` whose functional updates compose. React Router hands the updater the
 * params of the last render, so two updates before a re-render (a debounced search firing
 * just as a date is picked) would silently drop the first; this builds on the latest value.
 */
export function useSearchParamsState(): [URLSearchParams, (update: Update) => void] {
  const [params, setParams] = useSearchParams();
  const latest = useRef(params);
  // Every rendered URL (including back/forward navigation) is the truth again.
  useLayoutEffect(() => {
    latest.current = params;
  }, [params]);
  const update = (change: Update) => {
    latest.current = change(new URLSearchParams(latest.current));
    setParams(latest.current);
  };
  return [params, update];
}
