import type { MouseEvent } from "react";

/**
 * The click of a link that names a field (`#field-id`): a fragment link scrolls but does not focus the input on
 * every browser, so it does both explicitly. Shared by the error summary and the counter's issue list.
 */
export const jumpToField = (event: MouseEvent<HTMLAnchorElement>, targetId: string): void => {
  const target = document.getElementById(targetId);
  if (target === null) return;
  event.preventDefault();
  target.focus();
  target.scrollIntoView({ block: "center" });
};
