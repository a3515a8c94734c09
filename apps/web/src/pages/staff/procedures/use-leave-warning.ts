import { useEffect } from "react";
import { setLeaveQuestion } from "../../../router.ts";

/**
 * While `active`, asks before the page is left: the browser's own question when the tab is closed, reloaded or
 * sent to another site (`beforeunload`), and `question` when an in-app link is followed (the router's
 * `mayLeave`). Back and forward are not held (a `popstate` cannot be cancelled).
 */
export function useLeaveWarning(active: boolean, question: string): void {
  useEffect(() => {
    if (!active) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    setLeaveQuestion(() => question);
    return () => {
      window.removeEventListener("beforeunload", warn);
      setLeaveQuestion(null);
    };
  }, [active, question]);
}
