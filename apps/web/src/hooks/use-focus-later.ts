import { useEffect, useState } from "react";

/**
 * Moves the focus to the element of an id after the next render: a row just added (its input exists only then), or
 * the button that stays after a row was removed. Returns the function that asks for it.
 */
export const useFocusLater = (): ((id: string) => void) => {
  const [target, setTarget] = useState<string | null>(null);
  useEffect(() => {
    if (target === null) return;
    document.getElementById(target)?.focus();
    setTarget(null);
  }, [target]);
  return setTarget;
};
