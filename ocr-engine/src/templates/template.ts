/**
 * The template format: a pre-registered layout of one document from one issuer. Templates are data
 * (JSON files validated by `template.schema.ts`), not code: a municipality's new or changed layout is a
 * new template, drafted from a sample scan and adjusted by staff.
 *
 * Coordinates are **normalised** to the page: x and width as fractions of the page width, y and height
 * as fractions of the page height, origin top-left. So one template reads scans of any resolution.
 */

/** Kinds of document the engine knows. */
export type DocumentKind =
  | "tenshutsu-shomeisho" // 転出証明書
  | "tenshutsu-kakunin" // 転出証明書に係る情報確認書 (特例転入)
  | "zairyu-card" // 在留カード (front)
  | "tokubetsu-eijusha" // 特別永住者証明書 (front)
  | "unten-menkyo" // 運転免許証 (front)
  | "mynumber-card" // マイナンバーカード (front)
  | "koseki-zenbu" // 戸籍全部事項証明 (computerised)
  | "koseki-fuhyo"; // 戸籍附票

/** A rectangle in normalised page coordinates (0..1). */
export interface Region {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** How a field's text is interpreted and checked after recognition. */
export type FieldType =
  | "text" // free text, trimmed
  | "name" // a person's name in kanji/kana: always flagged for confirmation
  | "kana" // furigana: katakana or hiragana only
  | "roman-name" // a name in Roman letters (在留カード)
  | "date-wareki" // 和暦 date, e.g. 昭和50年3月4日 → ISO
  | "date-seireki" // Gregorian date, e.g. 1975年3月4日 → ISO
  | "date" // either of the two
  | "address" // 住所: kanji numerals and 丁目 forms normalised
  | "number" // digits with a pattern and optionally a check digit
  | "enum" // one of a closed list of values (性別, 続柄 …)
  | "code"; // letters and digits with a pattern (在留カード番号 …)

/** How the background tint (地紋) is removed before recognition. */
export type TintMethod = "v-otsu" | "gray-otsu" | "none";

/**
 * Check digits the engine can verify: `mynumber` 個人番号 (12 digits), `juminhyo-code` 住民票コード (11 digits),
 * `none`. The 運転免許証番号 has no entry: its check-digit formula is not published (pattern only).
 */
export type CheckDigit = "mynumber" | "juminhyo-code" | "none";

/** One field to read. */
export interface TemplateField {
  /** Stable key that adapters map to the 住民異動届 (e.g. `member.name`, `household.head`, `destination.address`). */
  readonly key: string;
  readonly label: { readonly ja: string; readonly en: string };
  readonly region: Region;
  readonly type: FieldType;
  /** Hints for the recogniser. */
  readonly hints: {
    /** Tesseract page segmentation mode: 7 = single line (default), 6 = block. */
    readonly psm?: 6 | 7 | 8 | 13;
    /** Characters the value may contain (applied in post-processing when the engine cannot). */
    readonly whitelist?: string;
  };
  /** Post-processing parameters by type. */
  readonly post: {
    /** Regular expression (source) the normalised value must match. */
    readonly pattern?: string;
    readonly checkDigit?: CheckDigit;
    /** Allowed values for `enum`. */
    readonly values?: readonly string[];
    /**
     * For `text`: the name of a closed list the deployment gives the post-processing (`Vocabularies.lists`,
     * e.g. `nationality`): a reading is corrected to it and flagged; without that list the text is kept as read.
     */
    readonly vocabulary?: string;
    /** Inclusive ISO date bounds for date types. */
    readonly minDate?: string;
    readonly maxDate?: string;
  };
  /** When a value needs a person's confirmation. */
  readonly review: {
    /** Below this recogniser confidence (0..100) the field is flagged. */
    readonly minConfidence: number;
    /** Always flag (names: wrong kanji come back with high confidence). */
    readonly always: boolean;
  };
  readonly required: boolean;
}

/** Rows repeated per household member (転出証明書): the group's fields are placed at origin + i × step. */
export interface RepeatGroup {
  readonly key: string; // e.g. "members"
  /** Offset between consecutive rows, normalised. */
  readonly step: { readonly dx: number; readonly dy: number };
  readonly maxCount: number;
  /** Fields of one row, with regions of the first row. */
  readonly fields: readonly TemplateField[];
  /** Key of the field whose emptiness ends the group (e.g. the member's name). */
  readonly presenceField: string;
}

/** A layout template. */
export interface Template {
  /** Unique id, e.g. `tenshutsu-shomeisho/131016/v1`. */
  readonly id: string;
  readonly kind: DocumentKind;
  /** Issuer's 全国地方公共団体コード (6 digits), or `"*"` for nationwide formats (cards, 情報確認書). */
  readonly issuer: string;
  readonly version: number;
  readonly name: { readonly ja: string; readonly en: string };
  /** Page geometry at the template's reference resolution. */
  readonly page: { readonly widthMm: number; readonly heightMm: number; readonly dpi: number };
  /**
   * Reference image for alignment (a blank or sample form), as a path relative to the template file,
   * or null when the engine aligns by the page edges and labels only.
   */
  readonly referenceImage: string | null;
  readonly tint: TintMethod;
  /** Label words printed on the form with their regions: used to identify the template and to anchor. */
  readonly anchors: readonly { readonly text: string; readonly region: Region }[];
  readonly fields: readonly TemplateField[];
  readonly repeatGroups: readonly RepeatGroup[];
}
