import { useI18n } from "../i18n/i18n-context.tsx";

/** The 必須 / 任意 badge after a label (text, not colour alone, tells which fields are required). */
export function RequiredMark({ required }: { readonly required: boolean }) {
  const { t } = useI18n();
  return (
    <span className={required ? "badge badge--required" : "badge badge--optional"}>
      {required ? t.form.required : t.form.optional}
    </span>
  );
}
