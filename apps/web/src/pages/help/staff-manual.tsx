import { usePageTitle } from "../../hooks/use-document-title.ts";
import { useI18n } from "../../i18n/i18n-context.tsx";
import { StaffNav } from "../staff/staff-nav.tsx";
import { ManualView } from "./help-page.tsx";
import { staffManual } from "./staff-manual-content.ts";

/** `/staff/help` — N10's staff manual, in the staff navigation of every signed-in member. */
export function StaffManualPage() {
  const { locale } = useI18n();
  const manual = staffManual(locale);
  usePageTitle(manual.title);
  return <ManualView manual={manual} before={<StaffNav current="help" />} />;
}
