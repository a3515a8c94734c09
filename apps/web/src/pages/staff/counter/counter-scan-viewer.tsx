import type { DraftScan, Localized, PageRegion } from "@madoguchi/core";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { regionBox, scanAcknowledgeId } from "./counter-draft.ts";
import { counterMessages, reasonText } from "./counter-messages.ts";
import type { ScanPicture } from "./counter-scan-form.tsx";

/** Where a focused value was read: which scan, where on its page, and the value's name. */
export interface ScanHighlight {
  readonly scan: number;
  readonly region: PageRegion;
  readonly label: string;
}

/** Props of {@link CounterScanViewer}. */
export interface CounterScanViewerProps {
  readonly scans: readonly DraftScan[];
  /** The files, in the order of `scans`. */
  readonly pictures: readonly ScanPicture[];
  /** The scan shown (the focused value's, else the one chosen, else the last). */
  readonly shown: number | null;
  readonly onShow: (scan: number) => void;
  readonly highlight: ScanHighlight | null;
  /** A scan's name in words (「1枚目の書類（転出証明書）」) and its layout's name. */
  readonly scanName: (scan: number) => string;
  readonly layoutName: (scan: number) => Localized | null;
  readonly reasonLabels: Readonly<Record<string, Localized>>;
  readonly onAcknowledge: (scan: number) => void;
}

/**
 * The documents read into the draft, each with its own flags (a cross-field check, persons beyond the form's rows)
 * to acknowledge, and the image of one with the box of the focused value.
 */
export function CounterScanViewer(props: CounterScanViewerProps) {
  const { locale, pick } = useI18n();
  const m = counterMessages[locale];
  const { scans, pictures, shown, highlight } = props;
  const picture = shown === null ? undefined : pictures[shown];
  const box = highlight !== null && highlight.scan === shown ? highlight : null;

  return (
    <section aria-labelledby="counter-scans-heading" className="counter-scans" data-testid="counter-scans">
      <h2 id="counter-scans-heading">{m.scansHeading}</h2>
      {scans.length === 0 && <p>{m.noScanYet}</p>}
      <ol className="counter-scans__list">
        {scans.map((scan, i) => {
          const layout = props.layoutName(i);
          const open = !scan.acknowledged && (scan.reasons.length > 0 || scan.personsLeftOut > 0);
          return (
            <li key={i} className={open ? "counter-scans__item counter-scans__item--flagged" : "counter-scans__item"} data-testid="counter-scan">
              <p className="counter-scans__name">
                <strong>{props.scanName(i)}</strong>
                {layout !== null && <span className="counter-scans__layout"> {pick(layout)}</span>}
                {pictures[i] !== undefined && <span className="counter-scans__file"> {pictures[i]?.fileName}</span>}
              </p>
              {(scan.reasons.length > 0 || scan.personsLeftOut > 0) && (
                <div className="counter-scans__flags">
                  {scan.reasons.length > 0 && (
                    <>
                      <p>{m.documentFlags}</p>
                      <ul>
                        {scan.reasons.map((r) => (
                          <li key={r}>{reasonText(r, props.reasonLabels, locale)}</li>
                        ))}
                      </ul>
                    </>
                  )}
                  {scan.personsLeftOut > 0 && <p>{m.personsLeftOut(scan.personsLeftOut)}</p>}
                  {scan.acknowledged ? (
                    <p className="counter-value__checked">{m.acknowledged}</p>
                  ) : (
                    <button
                      type="button"
                      id={scanAcknowledgeId(i)}
                      className="button button--secondary button--small"
                      onClick={() => props.onAcknowledge(i)}
                      data-testid={scanAcknowledgeId(i)}
                    >
                      {m.acknowledge}
                    </button>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ol>
      {scans.length > 1 && (
        <div className="field">
          <label className="field__label" htmlFor="counter-shown-scan">
            {m.scanChoice}
          </label>
          <select id="counter-shown-scan" className="select" value={shown ?? ""} onChange={(e) => props.onShow(Number(e.target.value))} data-testid="counter-shown-scan">
            {scans.map((_, i) => (
              <option key={i} value={i}>
                {props.scanName(i)}
              </option>
            ))}
          </select>
        </div>
      )}
      {shown !== null && picture !== undefined && (
        <figure className="counter-scan" data-testid="counter-scan-image">
          {picture.dataUrl === null ? (
            <figcaption>{m.noPreview(picture.fileName)}</figcaption>
          ) : (
            <>
              <div className="counter-scan__frame">
                <img className="counter-scan__image" src={picture.dataUrl} alt={m.scanImageAlt(shown + 1, picture.fileName)} />
                {/* The region is where the value lies on the page as aligned to its template, not on this upload: on a
                    rotated or shifted scan the box is near the text rather than on it, and the caption says it is a guide.
                    Set through the style property (CSSOM), which the CSP's style-src 'self' does not block. */}
                {box !== null && <div className="counter-scan__box" style={regionBox(box.region)} aria-hidden="true" data-testid="counter-scan-box" />}
              </div>
              <figcaption className="counter-scan__caption">{box === null ? picture.fileName : m.highlight(box.label)}</figcaption>
            </>
          )}
        </figure>
      )}
    </section>
  );
}
