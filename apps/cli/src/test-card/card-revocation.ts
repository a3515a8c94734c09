import { readRevokedList, type TestCardError } from "@madoguchi/adapter-test-card";
import type { Localized, RevocationReason } from "@madoguchi/core";
import type { ResultAsync } from "neverthrow";

/** Whether the test CA has revoked the card's signature certificate at the time asked about. */
export type CardRevocation =
  | { readonly revoked: false }
  | { readonly revoked: true; readonly reason: RevocationReason; readonly revokedAt: Date };

/** RFC 5280 reasons as a resident would understand them (JPKI revokes on a change of address or name, a new card…). */
export const REVOCATION_REASON_TEXT: Readonly<Record<RevocationReason, Localized>> = {
  unspecified: { ja: "理由の指定なし", en: "no reason given" },
  keyCompromise: { ja: "鍵の漏えい（カードの紛失・盗難など）", en: "key compromise (card lost or stolen)" },
  cACompromise: { ja: "認証局の鍵の漏えい", en: "CA compromise" },
  affiliationChanged: { ja: "記載事項の変更（住所・氏名の変更など）", en: "details changed (a change of address or name)" },
  superseded: { ja: "新しい証明書に更新（カードの再発行など）", en: "superseded (a new card or certificate)" },
  cessationOfOperation: { ja: "利用の終了（死亡・国外転出など）", en: "no longer used (e.g. moved abroad)" },
  certificateHold: { ja: "一時停止", en: "on hold" },
  removeFromCRL: { ja: "失効リストからの削除", en: "removed from the CRL" },
  privilegeWithdrawn: { ja: "資格の取消し", en: "privilege withdrawn" },
  aACompromise: { ja: "属性認証局の鍵の漏えい", en: "attribute authority compromise" },
};

/** Serial numbers compare as numbers: a leading 00 (DER's sign byte) and case do not matter. */
const serialKey = (hex: string) => hex.toLowerCase().replace(/^0+(?=.)/, "");

/**
 * The card's entry on the test CA's revoked list in `dir` (what the server's CRL is issued from): revoked
 * once its date has come, not before — as the CRL checker decides.
 */
export const cardRevocation = (dir: string, serialNumber: string, now: Date): ResultAsync<CardRevocation, TestCardError> =>
  readRevokedList(dir).map((list): CardRevocation => {
    const entry = list.find((e) => serialKey(e.serialNumber) === serialKey(serialNumber) && e.revokedAt.getTime() <= now.getTime());
    return entry === undefined ? { revoked: false } : { revoked: true, reason: entry.reason, revokedAt: entry.revokedAt };
  });
