"use client";

import { useCallback, useLayoutEffect, useRef } from "react";

/**
 * A function that keeps its identity across renders and calls the latest `fn`: for callbacks given to
 * memoized rows and to contexts, which would otherwise re-render with every new arrow function from above.
 */
export function useStableCallback<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const latest = useRef(fn);
  useLayoutEffect(() => {
    latest.current = fn;
  });
  return useCallback((...args: A) => latest.current(...args), []);
}
