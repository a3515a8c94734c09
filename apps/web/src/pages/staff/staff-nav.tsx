import { Link } from "../../components/link.tsx";
import { useI18n } from "../../i18n/i18n-context.tsx";
import { accessMessages } from "./access/staff-access-messages.ts";

/** The back office's sections; the current one is marked for assistive technology (`aria-current`). */
export function StaffNav({ current }: { readonly current: "applications" | "audit" | "security" | "access" | "accounts" }) {
  const { t, locale } = useI18n();
  const items = [
    { key: "applications", href: "/staff", label: t.audit.navApplications },
    { key: "audit", href: "/staff/audit", label: t.audit.nav },
    { key: "security", href: "/staff/security", label: t.security.nav },
    { key: "access", href: "/staff/access", label: accessMessages[locale].nav },
    { key: "accounts", href: "/staff/accounts", label: locale === "ja" ? "職員アカウント" : "Staff accounts" },
  ] as const;
  return (
    <nav className="staff-nav" aria-label={t.audit.navLabel}>
      <ul className="staff-nav__list">
        {items.map((item) => (
          <li key={item.key}>
            <Link href={item.href} aria-current={item.key === current ? "page" : undefined} data-testid={`staff-nav-${item.key}`}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
