import type { AnchorHTMLAttributes, MouseEvent } from "react";
import { mayLeave, navigate } from "../router.ts";

/** Props of {@link Link}: an anchor whose `href` is an in-app path. */
export type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { readonly href: string };

/**
 * An ordinary `<a href>` (so it can be opened in a new tab, copied, read by assistive technology) that
 * navigates in-app on a plain left click.
 */
export function Link({ href, onClick, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented) return;
    const modified = event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
    if (event.button !== 0 || modified || rest.target !== undefined) return;
    event.preventDefault();
    // A page with unsaved work (the procedure editor) asks first; "no" stays on the page.
    if (mayLeave()) navigate(href);
  };
  return <a href={href} onClick={handleClick} {...rest} />;
}
