import { useCallback, useEffect, useRef, useState } from "react";
import type { ApiError, ApiResult } from "../api-result.ts";

/** The state of data loaded from the API. */
export type LoadState<T> =
  | { readonly kind: "loading" }
  | { readonly kind: "ok"; readonly data: T }
  | { readonly kind: "error"; readonly error: ApiError };

/**
 * Loads data when `key` changes (and on `reload()`), aborting the previous request so a slow answer for an
 * old key never overwrites a newer one. `load` is read from a ref: callers need not memoise it.
 */
export function useLoad<T>(
  load: (signal: AbortSignal) => Promise<ApiResult<T>>,
  key: string,
): { readonly state: LoadState<T>; readonly reload: () => void; readonly set: (data: T) => void } {
  const [state, setState] = useState<LoadState<T>>({ kind: "loading" });
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => (previous.kind === "loading" ? previous : { kind: "loading" }));
    void loadRef.current(controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      setState(result.ok ? { kind: "ok", data: result.data } : { kind: "error", error: result.error });
    });
    return () => controller.abort();
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const set = useCallback((data: T) => setState({ kind: "ok", data }), []);
  return { state, reload, set };
}
