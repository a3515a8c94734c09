import type { ReactNode, RefObject } from "react";
import { useI18n } from "../i18n/i18n-context.tsx";
import { otherLocale } from "../i18n/locale.ts";
import { Link } from "./link.tsx";
import { accountMessages } from "../pages/account/account-messages.ts";
import { HELP_PATHS } from "../pages/help/help-labels.ts";

/**
 * The frame of every page: skip link, header with the city's name, main menu and language switch, the
 * page in `<main>`, and a footer. `cityName` is `null` while the configuration loads.
 */
export function Layout({
  cityName,
  devInbox,
  mainRef,
  kioskBar = null,
  children,
}: {
  readonly cityName: string | null;
  readonly devInbox: boolean;
  readonly mainRef: RefObject<HTMLElement | null>;
  /** R11: in kiosk mode, the 「はじめから」 bar (shown under the header); the account link is then hidden. */
  readonly kioskBar?: ReactNode;
  readonly children: ReactNode;
}) {
  const { t, locale, setLocale } = useI18n();
  return (
    <div className="page">
      <a className="skip-link" href="#main">
        {t.header.skipToContent}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link href="/" className="site-header__brand">
            {cityName !== null && <span className="site-header__city">{cityName}</span>}
            <span className="site-header__service">{t.meta.siteTitle}</span>
          </Link>
          <button
            type="button"
            className="button button--ghost lang-switch"
            data-testid="lang-switch"
            lang={t.header.langSwitchLang}
            onClick={() => setLocale(otherLocale(locale))}
          >
            {t.header.langSwitch}
          </button>
        </div>
        <nav className="site-nav" aria-label={t.header.mainNav}>
          <ul className="site-nav__list">
            <li>
              <Link href="/">{t.header.home}</Link>
            </li>
            <li>
              <Link href="/status">{t.header.status}</Link>
            </li>
            {kioskBar === null && (
              <li>
                <Link href="/account" data-testid="nav-account">
                  {accountMessages(locale).nav.applications}
                </Link>
              </li>
            )}
            <li>
              {/* N10: the residents' guide, from every page. */}
              <Link href={HELP_PATHS.resident} data-testid="nav-help">
                {t.header.help}
              </Link>
            </li>
          </ul>
        </nav>
      </header>
      {kioskBar}
      <main id="main" className="main" tabIndex={-1} ref={mainRef}>
        {children}
      </main>
      <footer className="site-footer">
        <div className="site-footer__inner">
          {cityName !== null && <p className="site-footer__city">{cityName}</p>}
          <p>{t.footer.note}</p>
          {devInbox && (
            <p>
              <Link href="/dev/inbox">{t.inbox.title}</Link>
            </p>
          )}
        </div>
      </footer>
    </div>
  );
}
