import type { DocumentResult, FieldResult, ReviewReason } from "../result/field-result.ts";
import { makeDocumentResult, mergeReasons } from "../result/field-result.ts";
import { mjVariantKey } from "./name.ts";

/**
 * Field keys the cross-field checks look for. Keys are the template's stable keys: the 世帯主 is the
 * single field `household.head`; members are the rows of the group `members`, and a row's field is
 * recognised by its key's last segment (`member.name`, `name` …).
 */
export const CROSS_CHECK_KEYS = {
  head: "household.head",
  membersGroup: "members",
  name: /(^|\.)name$/,
  relationship: /(^|\.)(relationship|zokugara)$/,
  birthDate: /(^|\.)(birthDate|dateOfBirth|birth)$/,
} as const;

/** The 続柄 written for the 世帯主 themself. */
export const HEAD_RELATIONSHIP = "世帯主";

/**
 * 続柄 are relative to the 世帯主 (住民票 practice), so some imply an age order with the 世帯主: the member
 * is born at least `years` after (`"after"`) or before (`"before"`) the 世帯主's date of birth. A person
 * becomes a parent at 12 at the earliest here: lenient enough for every real family, strict enough to
 * catch a swapped or misread year (a 子 born before the 世帯主, a 父 born after). Siblings only need the
 * right order (twins share a day). 続柄 whose age is free (妻, 夫, 叔父, 甥, 同居人 …) have no rule.
 */
export const AGE_RULES: readonly { readonly relationship: RegExp; readonly born: "after" | "before"; readonly years: number }[] = [
  { relationship: /^(子|長男|長女|[二次三四五六七八九十]+[男女]|養子|養女)$/, born: "after", years: 12 },
  { relationship: /^孫$/, born: "after", years: 24 },
  { relationship: /^(父|母|養父|養母)$/, born: "before", years: 12 },
  { relationship: /^(祖父|祖母)$/, born: "before", years: 24 },
  { relationship: /^(弟|妹)$/, born: "after", years: 0 },
  { relationship: /^(兄|姉)$/, born: "before", years: 0 },
];

/** Nobody on a certificate is older than this: an older date of birth is a misread era or year. */
export const MAX_AGE_YEARS = 125;

/** What the checks need to know from outside: the day they run, as ISO `YYYY-MM-DD`. */
export interface CrossCheckOptions {
  readonly today: string;
}

const addYears = (iso: string, years: number): string => {
  const y = Number(iso.slice(0, 4)) + years;
  return `${String(y).padStart(4, "0")}${iso.slice(4)}`;
};

interface Member {
  readonly name: FieldResult | undefined;
  readonly relationship: FieldResult | undefined;
  readonly birthDate: FieldResult | undefined;
}

const find = (row: readonly FieldResult[], key: RegExp) => row.find((f) => key.test(f.key));

/**
 * Checks fields against each other and adds reasons to the fields concerned and to the document.
 * Rules (each adds its reason; none removes one):
 *
 * 1. `head_not_a_member`: the 世帯主 (`household.head`) equals, by `mjVariantKey`, no member's name
 *    (when the document has a `members` group). Flags the head field.
 * 2. `relationship_inconsistent`: more than one member has 続柄 世帯主 (flags each); the member whose
 *    name is the 世帯主 has another 続柄 (flags that 続柄 and the head); a member with 続柄 世帯主 has
 *    another name than the 世帯主 (flags that 続柄, that name and the head). (No member with 続柄 世帯主
 *    needs no rule of its own: then either the 世帯主's row has another 続柄, or rule 1 fires.)
 * 3. `date_in_future`: a date of birth (any field or member) after `today`.
 * 4. `age_implausible`: a date of birth more than `MAX_AGE_YEARS` before `today`; a 子 less than 12
 *    years younger than the 世帯主 member, a 孫 less than 24; a 父/母 less than 12 years older, a
 *    祖父/祖母 less than 24; a 弟/妹 born before, a 兄/姉 after the 世帯主.
 *    (`AGE_RULES`). Flags the member's date of birth and 続柄 and the 世帯主's date of birth.
 *
 * A partial move (世帯の一部転出) lists movers without the 世帯主: rules 1–2 then flag for review, which is
 * the safe side: staff confirm, nothing wrong passes silently.
 */
export const crossCheck = (result: DocumentResult, options: CrossCheckOptions): DocumentResult => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.today)) throw new TypeError("crossCheck: today must be YYYY-MM-DD");
  const { today } = options;
  const added = new Map<FieldResult, ReviewReason[]>();
  const documentReasons: ReviewReason[] = [];
  const flag = (field: FieldResult | undefined, reason: ReviewReason) => {
    documentReasons.push(reason);
    if (field === undefined) return;
    added.set(field, [...(added.get(field) ?? []), reason]);
  };

  const head = result.fields.find((f) => f.key === CROSS_CHECK_KEYS.head);
  const rows = result.groups[CROSS_CHECK_KEYS.membersGroup];
  const members: readonly Member[] = (rows ?? []).map((row) => ({
    name: find(row, CROSS_CHECK_KEYS.name),
    relationship: find(row, CROSS_CHECK_KEYS.relationship),
    birthDate: find(row, CROSS_CHECK_KEYS.birthDate),
  }));

  const headKey = head?.value != null ? mjVariantKey(head.value) : null;
  const isHead = (m: Member) => headKey !== null && m.name?.value != null && mjVariantKey(m.name.value) === headKey;
  const saysHead = (m: Member) => m.relationship?.value === HEAD_RELATIONSHIP;

  // Rule 1
  if (rows !== undefined && headKey !== null && !members.some(isHead)) flag(head, "head_not_a_member");

  // Rule 2
  if (rows !== undefined) {
    const declared = members.filter(saysHead);
    if (declared.length > 1) for (const m of declared) flag(m.relationship, "relationship_inconsistent");
    for (const m of members) {
      const rel = m.relationship?.value;
      if (rel == null) continue;
      if (isHead(m) && rel !== HEAD_RELATIONSHIP) {
        flag(m.relationship, "relationship_inconsistent");
        flag(head, "relationship_inconsistent");
      }
      if (headKey !== null && rel === HEAD_RELATIONSHIP && m.name?.value != null && !isHead(m)) {
        flag(m.relationship, "relationship_inconsistent");
        flag(m.name, "relationship_inconsistent");
        flag(head, "relationship_inconsistent");
      }
    }
  }

  // Rules 3 and 4 (bounds of one date)
  const birthDates = [
    ...result.fields.filter((f) => CROSS_CHECK_KEYS.birthDate.test(f.key)),
    ...members.flatMap((m) => (m.birthDate === undefined ? [] : [m.birthDate])),
  ];
  for (const f of birthDates) {
    if (f.value == null) continue;
    if (f.value > today) flag(f, "date_in_future");
    if (f.value < addYears(today, -MAX_AGE_YEARS)) flag(f, "age_implausible");
  }

  // Rule 4 (order against the 世帯主 member)
  const headMember = members.find(saysHead) ?? members.find(isHead);
  const headBirth = headMember?.birthDate?.value;
  if (headMember !== undefined && headBirth != null) {
    for (const m of members) {
      if (m === headMember) continue;
      const rel = m.relationship?.value;
      const birth = m.birthDate?.value;
      if (rel == null || birth == null) continue;
      const rule = AGE_RULES.find((r) => r.relationship.test(rel));
      if (rule === undefined) continue;
      const implausible = rule.born === "after" ? birth < addYears(headBirth, rule.years) : birth > addYears(headBirth, -rule.years);
      if (implausible) {
        // Either the date or the 続柄 (or the 世帯主's date) is misread: all three are shown to staff.
        flag(m.birthDate, "age_implausible");
        flag(m.relationship, "age_implausible");
        flag(headMember.birthDate, "age_implausible");
      }
    }
  }

  const apply = (f: FieldResult): FieldResult => {
    const extra = added.get(f);
    if (extra === undefined) return f;
    const reasons = mergeReasons(f.reasons, extra);
    return { ...f, reasons, needsReview: reasons.length > 0 };
  };
  const groups: { [groupKey: string]: readonly (readonly FieldResult[])[] } = {};
  for (const [key, groupRows] of Object.entries(result.groups)) groups[key] = groupRows.map((row) => row.map(apply));
  return makeDocumentResult({
    templateId: result.templateId,
    fields: result.fields.map(apply),
    groups,
    reasons: mergeReasons(result.reasons, documentReasons),
  });
};
