import type { ServiceNotice } from "@madoguchi/core";
import { requestJson } from "../../api.ts";
import { Link } from "../../components/link.tsx";
import { useLoad } from "../../hooks/use-load.ts";
import { useI18n } from "../../i18n/i18n-context.tsx";
import { noticeText } from "./notice-text.ts";

const M = {
  ja: { heading: "お知らせ", more: "詳しくはこちら" },
  en: { heading: "Notices", more: "More" },
} as const;

/**
 * R14 on the portal's first page: the municipality's notices about its services shown today (`GET /api/notices`).
 * Nothing at all when there are none or they cannot be loaded: the procedures below matter more than an error here.
 */
export function PortalNotices() {
  const { locale } = useI18n();
  const m = M[locale];
  const loaded = useLoad((signal) => requestJson<{ readonly notices: readonly ServiceNotice[] }>("GET", "/api/notices", { locale, signal }), `notices-${locale}`);
  if (loaded.state.kind !== "ok" || loaded.state.data.notices.length === 0) return null;
  return (
    <section aria-labelledby="portal-notices-heading" className="notices" data-testid="portal-notices">
      <h2 id="portal-notices-heading">{m.heading}</h2>
      <ul className="notices__list">
        {loaded.state.data.notices.map((n) => {
          const { title, body } = noticeText(n, locale);
          return (
            <li key={n.id} data-testid="portal-notice">
              <h3 className="notices__title">{title}</h3>
              {body !== "" && body.split("\n").map((line, i) => <p key={i}>{line}</p>)}
              {n.link !== null &&
                (n.link.startsWith("/") ? (
                  <Link href={n.link}>{m.more}</Link>
                ) : (
                  <a href={n.link} rel="noopener noreferrer" target="_blank">
                    {m.more}
                  </a>
                ))}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
