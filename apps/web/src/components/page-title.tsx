import type { ReactNode } from "react";

/**
 * The page's `<h1>`. Focusable by script (`tabIndex={-1}`) because the app moves focus to it after each
 * in-app navigation, as a full page load would for screen-reader users.
 */
export function PageTitle({ children }: { readonly children: ReactNode }) {
  return (
    <h1 className="page-title" tabIndex={-1}>
      {children}
    </h1>
  );
}
