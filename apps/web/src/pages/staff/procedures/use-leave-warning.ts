import { useEffect } from "react";

/**
 * While `active`, asks the browser to confirm before the page is closed, reloaded or left for another site
 * (`beforeunload`; the browser words the question). In-app links change the page without unloading it, so they
 * are not covered: the router has no way to hold a navigation yet.
 */
export function useLeaveWarning(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [active]);
}
