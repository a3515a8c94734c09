import type { Localized } from "@madoguchi/core";
import type { Line } from "../output/line.ts";
import { localizedTable } from "../output/localized-table.ts";
import type { CardStatus, CardValidity } from "./card-status.ts";

const VALIDITY: Record<CardValidity, Localized> = {
  valid: { ja: "有効", en: "valid" },
  expired: { ja: "有効期限切れ", en: "expired" },
  not_yet_valid: { ja: "有効期間の開始前", en: "not yet valid" },
};

/** A date to the second, in UTC: the certificate's own precision and unambiguous in both languages. */
const timestamp = (date: Date): string => `${date.toISOString().slice(0, 19)}Z`;

/** The card as a small two-column table, in each language. */
export const cardLines = (status: CardStatus): Line[] =>
  localizedTable({
    ja: [
      ["  氏名", status.holderName],
      ["  有効期間", `${timestamp(status.notBefore)} 〜 ${timestamp(status.notAfter)}（${VALIDITY[status.validity].ja}）`],
      ["  シリアル番号", status.serialNumber],
      ["  パスワード残り回数", String(status.triesLeft)],
      ["  ロック", status.locked ? "ロック中" : "なし"],
    ],
    en: [
      ["  Holder", status.holderName],
      ["  Validity", `${timestamp(status.notBefore)} to ${timestamp(status.notAfter)} (${VALIDITY[status.validity].en})`],
      ["  Serial number", status.serialNumber],
      ["  Password tries left", String(status.triesLeft)],
      ["  Locked", status.locked ? "yes" : "no"],
    ],
  });

/** The card for `--json`. */
export const cardJson = (status: CardStatus): Record<string, unknown> => ({
  holder: { name: status.holderName },
  notBefore: status.notBefore.toISOString(),
  notAfter: status.notAfter.toISOString(),
  validity: status.validity,
  serialNumber: status.serialNumber,
  triesLeft: status.triesLeft,
  locked: status.locked,
});
