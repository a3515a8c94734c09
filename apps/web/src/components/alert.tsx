import type { ReactNode } from "react";

/**
 * A message box. Errors use `role="alert"` (announced at once); notices use `role="status"` (announced
 * politely). Rendered only when there is something to say, so insertion triggers the announcement.
 */
export function Alert({
  kind,
  children,
  testId,
}: {
  readonly kind: "error" | "success" | "info" | "warning";
  readonly children: ReactNode;
  readonly testId?: string;
}) {
  const role = kind === "error" ? "alert" : kind === "info" || kind === "warning" ? undefined : "status";
  return (
    <div className={`alert alert--${kind}`} role={role} data-testid={testId}>
      {children}
    </div>
  );
}
