import { err, ok, type Result } from "neverthrow";
import type { Yen } from "../shared/yen.ts";
import type { FeeBreakdown } from "./fee.ts";
import { feeBreakdown } from "./fee-breakdown.ts";

/**
 * A staff member's edit of one line: the number (copies, or pages of a 戸籍 counted at the desk) and an
 * exemption reason (null: not exempt). Unit prices stay the catalogue's: staff change how many and
 * whether it is exempt, never what one costs.
 */
export interface FeeLineEdit {
  readonly index: number;
  readonly quantity: number;
  readonly exemptionReason: string | null;
}

/** Why a fee change was refused (nothing changed). */
export interface FeeChangeRefused {
  readonly _tag: "FeeChangeRefused";
  readonly code:
    /** A fee change needs a reason (it is shown in the audit log and to the approver). */
    | "fee.reason_required"
    /** A line index that does not exist, twice the same line, a quantity not a whole number 1..1000, or postage not 1. */
    | "fee.invalid_edit"
    /** The edit changes nothing. */
    | "fee.unchanged";
}

const refused = (code: FeeChangeRefused["code"]): Result<never, FeeChangeRefused> => err({ _tag: "FeeChangeRefused", code });

/** Longest reason accepted (a sentence or two; the audit log is not a case file). */
export const FEE_REASON_MAX = 500;

/**
 * The fee after staff edits: the edited lines recomputed (amount = unit price × quantity, 0 when exempt),
 * the others kept, total = Σ lines. Refused without a reason, for an invalid edit, or when nothing changes.
 */
export const editFee = (current: FeeBreakdown, edits: readonly FeeLineEdit[], reason: string): Result<FeeBreakdown, FeeChangeRefused> => {
  if (reason.trim() === "" || reason.length > FEE_REASON_MAX) return refused("fee.reason_required");
  const seen = new Set<number>();
  for (const e of edits) {
    const line = current.lines[e.index];
    if (line === undefined || seen.has(e.index)) return refused("fee.invalid_edit");
    seen.add(e.index);
    if (!Number.isSafeInteger(e.quantity) || e.quantity < 1 || e.quantity > 1000) return refused("fee.invalid_edit");
    if (line.kind === "postage" && e.quantity !== 1) return refused("fee.invalid_edit");
    if (e.exemptionReason !== null && (e.exemptionReason.trim() === "" || e.exemptionReason.length > FEE_REASON_MAX)) return refused("fee.invalid_edit");
  }
  const next = feeBreakdown(
    current.lines.map((line, i) => {
      const e = edits.find((x) => x.index === i);
      if (e === undefined) return line;
      const { exemption: _old, amount: _amount, ...rest } = line;
      const reasonText = e.exemptionReason?.trim();
      return { ...rest, quantity: e.quantity, ...(reasonText === undefined ? {} : { exemption: { reason: { ja: reasonText, en: reasonText } } }) };
    }),
  );
  const same = next.lines.every((l, i) => {
    const c = current.lines[i];
    return c !== undefined && c.quantity === l.quantity && c.amount === l.amount && c.exemption?.reason.ja === l.exemption?.reason.ja;
  });
  return same ? refused("fee.unchanged") : ok(next);
};

/**
 * Staff change a fee, or — for a 事後決済 application whose fee is not fixed yet (`fixed` false) — fix it:
 * with edits (the pages counted at the desk) or as estimated at submission, which is then not
 * `fee.unchanged` but the decision that the estimate is what the resident owes. A reason is required either way.
 */
export const editOrFixFee = (current: FeeBreakdown, edits: readonly FeeLineEdit[], reason: string, fixed: boolean): Result<FeeBreakdown, FeeChangeRefused> =>
  editFee(current, edits, reason).orElse((e) => (!fixed && e.code === "fee.unchanged" ? ok(current) : err(e)));

/** One staff fee change, as kept with the application (the audit entry says the same). */
export interface FeeChange {
  readonly at: Date;
  readonly staffId: string;
  readonly from: Yen;
  readonly to: Yen;
  readonly reason: string;
  /** The four-eyes approval it was carried out with (null below the threshold). */
  readonly approvalId: string | null;
}

/**
 * Whether a fee change needs a second person (SECURITY.md: four eyes for fee changes above a threshold):
 * when the amount moves by more than `thresholdYen` in either direction — a refund sends money out, a
 * raise asks a resident for more.
 */
export const feeChangeNeedsApproval = (from: Yen, to: Yen, thresholdYen: number): boolean => Math.abs(to - from) > thresholdYen;
