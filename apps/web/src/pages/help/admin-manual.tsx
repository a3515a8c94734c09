import { usePageTitle } from "../../hooks/use-document-title.ts";
import { useI18n } from "../../i18n/i18n-context.tsx";
import { StaffNav } from "../staff/staff-nav.tsx";
import { adminManual } from "./admin-manual-content.ts";
import { ManualView } from "./help-page.tsx";

/**
 * `/staff/help/admin` — N10's manual for administrators and auditors, linked from the staff manual. Readable by
 * every signed-in member (it describes, it changes nothing); the pages it describes check their own permissions.
 */
export function AdminManualPage() {
  const { locale } = useI18n();
  const manual = adminManual(locale);
  usePageTitle(manual.title);
  return <ManualView manual={manual} before={<StaffNav current="help" />} />;
}
