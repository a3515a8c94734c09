import type { PasskeyList } from "../api-types.ts";
import { formatDateTime } from "../format.ts";
import type { Locale } from "../i18n/locale.ts";

/** The texts of {@link PasskeyTable} (staff: `t.security`; residents: the account messages' `passkeys`). */
export interface PasskeyTableTexts {
  readonly caption: (count: number) => string;
  readonly none: string;
  readonly colLabel: string;
  readonly colCreated: string;
  readonly colLastUsed: string;
  readonly colSynced: string;
  readonly synced: string;
  readonly deviceBound: string;
  readonly never: string;
  readonly remove: string;
  readonly removeLabel: (label: string) => string;
}

/**
 * A person's own passkeys (staff security page, resident account settings): name, when added, last
 * used, synced or device-bound, and a remove button named after the passkey for screen readers.
 */
export function PasskeyTable({
  items,
  texts,
  locale,
  onRemove,
}: {
  readonly items: PasskeyList["items"];
  readonly texts: PasskeyTableTexts;
  readonly locale: Locale;
  readonly onRemove: (credentialId: string, label: string) => void;
}) {
  if (items.length === 0) return <p data-testid="passkeys-none">{texts.none}</p>;
  return (
    <div className="table-scroll" role="region" aria-labelledby="passkeys-caption" tabIndex={0}>
      <table className="table table--rows" data-testid="passkeys-table">
        <caption id="passkeys-caption">{texts.caption(items.length)}</caption>
        <thead>
          <tr>
            <th scope="col">{texts.colLabel}</th>
            <th scope="col">{texts.colCreated}</th>
            <th scope="col">{texts.colLastUsed}</th>
            <th scope="col">{texts.colSynced}</th>
            <th scope="col">
              <span className="visually-hidden">{texts.remove}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((p) => (
            <tr key={p.credentialId} data-testid="passkey-row">
              <th scope="row">{p.label}</th>
              <td>
                <time dateTime={p.createdAt}>{formatDateTime(p.createdAt, locale)}</time>
              </td>
              <td>{p.lastUsedAt === null ? texts.never : <time dateTime={p.lastUsedAt}>{formatDateTime(p.lastUsedAt, locale)}</time>}</td>
              <td>{p.synced ? texts.synced : texts.deviceBound}</td>
              <td>
                <button type="button" className="button button--secondary button--small" aria-label={texts.removeLabel(p.label)} onClick={() => onRemove(p.credentialId, p.label)}>
                  {texts.remove}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
