import type { ResultAsync } from "neverthrow";
import type { AdapterMeta } from "../shared/adapter-meta.ts";
import type { IsoDate } from "../shared/japanese/iso-date.ts";
import type { Localized } from "../shared/localized.ts";

/** Contract id of {@link OcrEngine} (`describeOcrEngineContract` in `@madoguchi/conformance/ocr-engine`). */
export const OCR_ENGINE_CONTRACT = "ocr-engine@1" as const;

/** The documents a resident brings to the counter that the OCR reads (C1, C3–C5). */
export const COUNTER_DOCUMENT_KINDS = [
  "tenshutsu-shomeisho", // 転出証明書
  "tenshutsu-kakunin", // 転出証明書に係る情報確認書 (特例転入)
  "zairyu-card", // 在留カード
  "tokubetsu-eijusha", // 特別永住者証明書
  "unten-menkyo", // 運転免許証
  "mynumber-card", // マイナンバーカード
  "koseki-zenbu", // 戸籍全部事項証明
  "koseki-fuhyo", // 戸籍附票
] as const;
export type CounterDocumentKind = (typeof COUNTER_DOCUMENT_KINDS)[number];

export const isCounterDocumentKind = (s: string): s is CounterDocumentKind => (COUNTER_DOCUMENT_KINDS as readonly string[]).includes(s);

/**
 * Why a read value needs a person's confirmation. The OCR engine's closed list: the counter screen shows
 * each with a Japanese and an English explanation (`OCR_REVIEW_REASON_LABELS`), so an engine reason core
 * does not know is a contract failure, not a silent pass.
 */
export const OCR_REVIEW_REASONS = [
  "name_always_confirmed",
  "low_confidence",
  "always_review",
  "pattern_mismatch",
  "check_digit_failed",
  "invalid_date",
  "date_out_of_range",
  "date_in_future",
  "not_kana",
  "spacing_uncertain",
  "unknown_enum_value",
  "enum_corrected",
  "required_missing",
  "head_not_a_member",
  "relationship_inconsistent",
  "age_implausible",
  "unreadable",
  "weak_character",
  "readings_disagree",
  "text_repaired",
  "place_name_corrected",
  "place_name_unknown",
  "label_anchored_fallback",
  "text_too_small",
] as const;
export type OcrReviewReason = (typeof OCR_REVIEW_REASONS)[number];

/** A rectangle on the scanned page, as fractions of its width and height (0..1), for showing the crop. */
export interface PageRegion {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** One value as read from a scan. */
export interface ReadField {
  /** The template's stable key (`household.address`, `members[].name`, `person.name` …). */
  readonly key: string;
  /** The normalised value (ISO date, canonical address …), or null when nothing trustworthy was read. */
  readonly value: string | null;
  /** What the recogniser saw, for display beside the crop. */
  readonly raw: string;
  /** 0..100. */
  readonly confidence: number;
  readonly region: PageRegion;
  /** Empty exactly when the value may be taken without a look. */
  readonly reasons: readonly OcrReviewReason[];
}

/** A whole scan as read. */
export interface ReadDocument {
  readonly templateId: string;
  readonly kind: CounterDocumentKind;
  /** How the layout was found: the template asked for, identification among all, or the labels of an unknown layout. */
  readonly readBy: "template" | "identification" | "labels";
  readonly fields: readonly ReadField[];
  /** Repeated rows by group key (`members`, `persons` …), in page order. */
  readonly groups: Readonly<Record<string, readonly (readonly ReadField[])[]>>;
  /** Document-level reasons (cross-field checks) and every field's, without duplicates. */
  readonly reasons: readonly OcrReviewReason[];
}

/** A scanned page as its file's bytes: PNG, JPEG, TIFF or a PDF page. */
export interface ScanImage {
  readonly bytes: Uint8Array;
  /** 1-based page of a PDF or multi-page TIFF; default 1. */
  readonly page?: number;
}

export interface ReadOptions {
  /** Read with this template; absent: identify the layout among all templates. */
  readonly templateId?: string;
  /** When identification finds no template: read the unknown layout by its labels as this kind (every field flagged). */
  readonly fallbackKind?: CounterDocumentKind;
  /** Today in Japan: the date checks (a date of birth in the future) need it. */
  readonly today: IsoDate;
}

/** Why a scan could not be read. Messages carry no recognised text: a scan is personal data. */
export type OcrReadError =
  | { readonly code: "ocr.unreadable_image"; readonly message: string }
  | { readonly code: "ocr.image_too_large"; readonly message: string }
  | { readonly code: "ocr.unknown_template"; readonly templateId: string }
  /** No template fits and no fallback kind was given (the message says how close the best came). */
  | { readonly code: "ocr.unidentified"; readonly message: string }
  /** The page could not be laid onto the template (too skewed, another document, a weak fit). */
  | { readonly code: "ocr.alignment_rejected"; readonly message: string }
  | { readonly code: "ocr.engine_failed"; readonly message: string; readonly retryable: boolean };

/** A template the engine reads with, for the counter screen's choice of document. */
export interface OcrTemplateSummary {
  readonly id: string;
  readonly kind: CounterDocumentKind;
  readonly name: Localized;
}

/**
 * Template-based OCR of counter documents (C2): per-municipality layouts, not AI-OCR. The engine never
 * guesses silently: every value it is not sure of carries its reasons, and names always do.
 */
export interface OcrEngine {
  readonly meta: AdapterMeta;
  /** The registered templates. */
  templates(): readonly OcrTemplateSummary[];
  /** What staff read beside a flagged value, for every reason (the engine's own words). */
  readonly reasonLabels: Readonly<Record<OcrReviewReason, Localized>>;
  read(scan: ScanImage, options: ReadOptions): ResultAsync<ReadDocument, OcrReadError>;
  /** Stops the recogniser workers; later reads fail with `ocr.engine_failed`. */
  close(): Promise<void>;
}
