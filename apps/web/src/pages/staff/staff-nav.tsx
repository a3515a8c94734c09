import { Link } from "../../components/link.tsx";
import { useI18n } from "../../i18n/i18n-context.tsx";
import { en } from "../../i18n/en.ts";
import { ja } from "../../i18n/ja.ts";
import type { Locale } from "../../i18n/locale.ts";
import { accessMessages } from "./access/staff-access-messages.ts";
import { subpagesOf, visibleSections, type StaffSection, type StaffSubpage } from "./staff-permissions.ts";
import { useStaffPermissions } from "./staff-session.tsx";
import { settlementNavLabel } from "./fees/settlement-page.tsx";
import { noticesNavLabel } from "./notices/notices-page.tsx";
import { PROCEDURES_PATH } from "./procedures/procedure-paths.ts";
import { proceduresNavLabel } from "./procedures/procedures-messages.ts";
import { counterNavLabel } from "./counter/counter-messages.ts";
import { counterRecordsNavLabel } from "./counter/counter-record-messages.ts";
import { COUNTER_RECORDS_PATH } from "./counter/counter-records.ts";
import { COUNTER_REPORT_PATH } from "./counter/counter-report.ts";
import { counterReportNavLabel } from "./counter/counter-report-messages.ts";
import { statisticsNavLabel } from "./statistics/statistics-page.tsx";
import { retentionNavLabel } from "./retention/retention-page.tsx";
import { HELP_PATHS, staffManualNavLabel } from "../help/help-labels.ts";

/** Each section's page and its name in the navigation (the staff manual names the menu with these words too). */
export const staffSectionLinks = (locale: Locale): Readonly<Record<StaffSection, { readonly href: string; readonly label: string }>> => {
  const t = locale === "ja" ? ja : en;
  return {
    applications: { href: "/staff", label: t.audit.navApplications },
    counter: { href: "/staff/counter", label: counterNavLabel[locale] },
    statistics: { href: "/staff/statistics", label: statisticsNavLabel[locale] },
    audit: { href: "/staff/audit", label: t.audit.nav },
    retention: { href: "/staff/retention", label: retentionNavLabel[locale] },
    approvals: { href: "/staff/approvals", label: locale === "ja" ? "承認" : "Approvals" },
    settlement: { href: "/staff/settlement", label: settlementNavLabel[locale] },
    notices: { href: "/staff/notices", label: noticesNavLabel[locale] },
    procedures: { href: PROCEDURES_PATH, label: proceduresNavLabel[locale] },
    security: { href: "/staff/security", label: t.security.nav },
    access: { href: "/staff/access", label: accessMessages[locale].nav },
    accounts: { href: "/staff/accounts", label: locale === "ja" ? "職員アカウント" : "Staff accounts" },
    help: { href: HELP_PATHS.staff, label: staffManualNavLabel[locale] },
  };
};

/** Each sub-page's page and its name in the navigation, under its section. */
export const staffSubpageLinks = (locale: Locale): Readonly<Record<StaffSubpage, { readonly href: string; readonly label: string }>> => ({
  counterRecords: { href: COUNTER_RECORDS_PATH, label: counterRecordsNavLabel[locale] },
  counterReport: { href: COUNTER_REPORT_PATH, label: counterReportNavLabel[locale] },
});

/** A sub-page's test id: `staff-nav-counter-records`, `staff-nav-counter-report`. */
const subpageTestId = (page: StaffSubpage): string => `staff-nav-${page.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * The back office's sections the member's roles allow (a link to a page that would only answer
 * "no permission" is not offered), each with its sub-pages listed under it; the current page is marked for
 * assistive technology (`aria-current="page"`), and on a sub-page its section as the current one of the list.
 */
export function StaffNav({ current, subpage }: { readonly current: StaffSection; readonly subpage?: StaffSubpage }) {
  const { t, locale } = useI18n();
  const { permissions } = useStaffPermissions();
  const labels = staffSectionLinks(locale);
  const subLabels = staffSubpageLinks(locale);
  return (
    <nav className="staff-nav" aria-label={t.audit.navLabel}>
      <ul className="staff-nav__list">
        {visibleSections(permissions).map((key) => {
          const subpages = subpagesOf(key);
          return (
            <li key={key}>
              <Link href={labels[key].href} aria-current={key !== current ? undefined : subpage === undefined ? "page" : "true"} data-testid={`staff-nav-${key}`}>
                {labels[key].label}
              </Link>
              {subpages.length > 0 && (
                <ul className="staff-nav__sub">
                  {subpages.map((page) => (
                    <li key={page}>
                      <Link href={subLabels[page].href} aria-current={page === subpage ? "page" : undefined} data-testid={subpageTestId(page)}>
                        {subLabels[page].label}
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
