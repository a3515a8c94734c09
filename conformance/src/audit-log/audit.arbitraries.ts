import fc from "fast-check";
import { AUDIT_ACTIONS, type AuditEntryDraft } from "@madoguchi/core";

/** Start of the generated period: 2024-01-01 UTC. */
const START = Date.UTC(2024, 0, 1);
/** Two years, so drafts fall into many monthly segments. */
const SPAN = Date.UTC(2026, 0, 1) - START;

const idArb = fc.constantFrom("s-1", "s-2", "s-3", "a-1", "a-2", "𠮷-id", "x\r\ny");

/** A draft at `at`: ids, codes and scalars only (no personal data), CR/LF and astral characters included. */
export const auditDraftArb = (at: fc.Arbitrary<Date>): fc.Arbitrary<AuditEntryDraft> =>
  fc.record({
    at,
    actor: fc.record({ kind: fc.constantFrom("staff", "resident", "system", "anonymous"), id: fc.option(idArb, { nil: null }) }),
    action: fc.constantFrom(...AUDIT_ACTIONS),
    target: fc.option(fc.record({ kind: fc.constantFrom("application", "staff_account", "audit_log"), id: idArb }), { nil: null }),
    result: fc.constantFrom("success", "failure", "denied"),
    sourceIp: fc.option(fc.oneof(fc.ipV4(), fc.ipV6()), { nil: null }),
    details: fc.dictionary(
      fc.constantFrom("status", "count", "code", "ok", "note"),
      fc.oneof(fc.string({ maxLength: 10 }), fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.boolean(), fc.constant(null)),
      { maxKeys: 3, noNullPrototype: true },
    ),
  })
    // Plain objects, as callers build them (fast-check's records may have a null prototype).
    .map((d) => ({ ...d, actor: { ...d.actor }, target: d.target === null ? null : { ...d.target }, details: { ...d.details } })) as fc.Arbitrary<AuditEntryDraft>;

/** Drafts in time order, spread over two years. */
export const auditDraftsArb = (minLength = 1, maxLength = 12): fc.Arbitrary<AuditEntryDraft[]> =>
  fc
    .array(fc.integer({ min: 0, max: SPAN }), { minLength, maxLength })
    .map((offsets) => offsets.sort((a, b) => a - b).map((o) => new Date(START + o)))
    .chain((times) => (times.length === 0 ? fc.constant([]) : fc.tuple(...times.map((t) => auditDraftArb(fc.constant(t))))));
