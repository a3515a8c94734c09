import { useI18n } from "../i18n/i18n-context.tsx";

/** A loading indicator that screen readers announce politely. */
export function Loading({ label }: { readonly label?: string }) {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      <span className="loading__spinner" aria-hidden="true" />
      {label ?? t.meta.loading}
    </p>
  );
}
