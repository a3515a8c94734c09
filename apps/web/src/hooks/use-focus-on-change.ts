import { useEffect, useRef, type RefObject } from "react";

/**
 * Moves keyboard (and screen-reader) focus to an element whenever `key` changes after the first render —
 * e.g. to a step's heading when the stepper advances, or to the error summary after a failed submit.
 * The element needs `tabIndex={-1}` to be focusable.
 */
export function useFocusOnChange<E extends HTMLElement>(key: unknown, options: { readonly initial?: boolean } = {}): RefObject<E | null> {
  const ref = useRef<E | null>(null);
  const first = useRef(true);
  useEffect(() => {
    const skip = first.current && options.initial !== true;
    first.current = false;
    if (skip) return;
    ref.current?.focus();
    // Focus alone does not scroll smoothly into view on every browser.
    ref.current?.scrollIntoView?.({ block: "start" });
    // Only `key` decides when focus moves; `options` is read once.
  }, [key]);
  return ref;
}
