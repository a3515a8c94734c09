import type { Localized } from "@madoguchi/core";
import type { Line } from "../output/line.ts";
import { localizedTable } from "../output/localized-table.ts";
import { REVOCATION_REASON_TEXT, type CardRevocation } from "./card-revocation.ts";
import type { CardStatus, CardValidity } from "./card-status.ts";

const VALIDITY: Record<CardValidity, Localized> = {
  valid: { ja: "有効", en: "valid" },
  expired: { ja: "有効期限切れ", en: "expired" },
  not_yet_valid: { ja: "有効期間の開始前", en: "not yet valid" },
};

/** A date to the second, in UTC: the certificate's own precision and unambiguous in both languages. */
const timestamp = (date: Date): string => `${date.toISOString().slice(0, 19)}Z`;

/** The revocation row, when known: "失効（理由, 日時）" or "なし". */
const revocationRow = (revocation: CardRevocation | undefined, lang: "ja" | "en"): string[][] => {
  if (revocation === undefined) return [];
  const label = lang === "ja" ? "  失効" : "  Revoked";
  if (!revocation.revoked) return [[label, lang === "ja" ? "なし" : "no"]];
  const why = REVOCATION_REASON_TEXT[revocation.reason][lang];
  return [[label, lang === "ja" ? `失効済み（${why}、${timestamp(revocation.revokedAt)}）` : `yes (${why}, ${timestamp(revocation.revokedAt)})`]];
};

/** The card as a small two-column table, in each language; with `revocation`, whether the test CA revoked it. */
export const cardLines = (status: CardStatus, revocation?: CardRevocation): Line[] =>
  localizedTable({
    ja: [
      ["  氏名", status.holderName],
      ["  有効期間", `${timestamp(status.notBefore)} 〜 ${timestamp(status.notAfter)}（${VALIDITY[status.validity].ja}）`],
      ["  シリアル番号", status.serialNumber],
      ["  パスワード残り回数", String(status.triesLeft)],
      ["  ロック", status.locked ? "ロック中" : "なし"],
      ...revocationRow(revocation, "ja"),
    ],
    en: [
      ["  Holder", status.holderName],
      ["  Validity", `${timestamp(status.notBefore)} to ${timestamp(status.notAfter)} (${VALIDITY[status.validity].en})`],
      ["  Serial number", status.serialNumber],
      ["  Password tries left", String(status.triesLeft)],
      ["  Locked", status.locked ? "yes" : "no"],
      ...revocationRow(revocation, "en"),
    ],
  });

/** The card for `--json` (with `revocation` when known). */
export const cardJson = (status: CardStatus, revocation?: CardRevocation): Record<string, unknown> => ({
  holder: { name: status.holderName },
  notBefore: status.notBefore.toISOString(),
  notAfter: status.notAfter.toISOString(),
  validity: status.validity,
  serialNumber: status.serialNumber,
  triesLeft: status.triesLeft,
  locked: status.locked,
  ...(revocation === undefined
    ? {}
    : { revocation: revocation.revoked ? { revoked: true, reason: revocation.reason, revokedAt: revocation.revokedAt.toISOString() } : { revoked: false } }),
});
