import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ProcedureDefinition, StaffProcedureCatalog } from "../src/api-types.ts";
import { I18nProvider } from "../src/i18n/i18n-context.tsx";
import { extraFieldHelp } from "../src/pages/apply/application-form.ts";
import { checkDraft, FEE_MAX, type CheckContext } from "../src/pages/staff/procedures/procedure-checks.ts";
import { catalogAfterSave } from "../src/pages/staff/procedures/procedure-edit-page.tsx";
import { editorChoicesOf, ProcedureEditor } from "../src/pages/staff/procedures/procedure-editor.tsx";
import {
  draftOf,
  emptyDraft,
  move,
  newOption,
  newQuestion,
  nextUid,
  parseInteger,
  parseKeywords,
  parseSignedInteger,
  QUESTION_KINDS,
  toDefinition,
  toggleId,
  withKind,
  type ProcedureDraft,
  type QuestionDraft,
} from "../src/pages/staff/procedures/procedure-draft.ts";
import { fieldRef, inputIds, parseIssuePath } from "../src/pages/staff/procedures/procedure-fields.ts";
import { arrangeErrors, placeIssues, procedureIssuesOf } from "../src/pages/staff/procedures/procedure-issues.ts";
import { hasUnsavedChanges } from "../src/pages/staff/procedures/procedure-changes.ts";
import { previewProcedure } from "../src/pages/staff/procedures/procedure-preview.ts";
import { portalLink, procedureApiPath } from "../src/pages/staff/procedures/procedure-paths.ts";
import { QuestionSettings } from "../src/pages/staff/procedures/procedure-question-settings.tsx";
import { procedureMessages } from "../src/pages/staff/procedures/procedures-messages.ts";

const ja = procedureMessages.ja;
const en = procedureMessages.en;

/** A procedure using every part of the definition: a select and a text question, help texts, tags, keywords. */
const KAZEI: ProcedureDefinition = {
  id: "shotoku-kazei",
  name: { ja: "所得・課税証明書", en: "Income and tax certificate" },
  description: { ja: "指定した年度の所得と課税の状況を証明します。", en: "Certifies income and taxes of a fiscal year." },
  feePerCopy: 300,
  maxCopies: 5,
  deliveryMethodIds: ["post", "express"],
  extraFields: [
    {
      key: "purpose",
      label: { ja: "使用目的", en: "Purpose" },
      kind: "select",
      options: [
        { value: "loan", label: { ja: "ローン申込み", en: "Loan application" } },
        { value: "other", label: { ja: "その他", en: "Other" } },
      ],
      required: true,
      help: { ja: "該当するものを選んでください。", en: "Choose one." },
    },
    { key: "submitTo", label: { ja: "提出先", en: "Submitted to" }, kind: "text", maxLength: 50, required: false },
  ],
  requiredFields: ["name", "address", "dateOfBirth", "email"],
  fieldHelp: { phone: { ja: "日中に連絡のつく番号", en: "A daytime number" } },
  requiresSignature: false,
  enabled: true,
  officeIds: ["honcho"],
  residentEntry: ["account"],
  paymentTiming: "after_assessment",
  categoryIds: ["zeimu"],
  lifeEventIds: ["shushoku"],
  keywords: ["課税証明", "所得証明"],
};

const CATALOG: StaffProcedureCatalog = {
  version: 3,
  source: "file",
  municipality: { code: "999999", name: { ja: "みほん市", en: "Mihon City" } },
  procedures: [KAZEI, { ...KAZEI, id: "juminhyo", extraFields: [] }],
  deliveryMethods: [
    { id: "post", name: { ja: "普通郵便", en: "Ordinary mail" }, postage: 110 },
    { id: "express", name: { ja: "速達", en: "Express mail" }, postage: 410 },
  ],
  offices: [{ id: "honcho", name: { ja: "本庁", en: "City hall" } }],
  categories: [{ id: "zeimu", name: { ja: "税の証明", en: "Tax certificates" } }],
  lifeEvents: [{ id: "shushoku", name: { ja: "就職", en: "Starting a job" } }],
  portalOrigin: "https://portal.example.jp",
};

const choices = editorChoicesOf(CATALOG);
const editing: CheckContext = { choices, creating: false, existingIds: CATALOG.procedures.map((p) => p.id) };
const creating: CheckContext = { ...editing, creating: true };

/** The editor's markup for a procedure (or a new one), in Japanese: which ids it renders. */
const render = (procedure: ProcedureDefinition | null): string =>
  renderToStaticMarkup(
    createElement(I18nProvider, null, createElement(ProcedureEditor, { catalog: CATALOG, procedure, csrfToken: "t", onSaved: () => undefined, onReload: () => undefined })),
  );
const renderedIds = (html: string): ReadonlySet<string> => new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1] ?? ""));

const question = (draft: ProcedureDraft, i: number): QuestionDraft => {
  const q = draft.questions[i];
  if (q === undefined) throw new Error(`no question ${i}`);
  return q;
};

describe("the procedure's draft", () => {
  it("round-trips a definition using every part unchanged", () => {
    expect(toDefinition(draftOf(KAZEI))).toEqual(KAZEI);
  });

  it("round-trips a minimal definition without adding optional parts", () => {
    const { officeIds: _o, residentEntry: _r, paymentTiming: _p, categoryIds: _c, lifeEventIds: _l, keywords: _k, ...rest } = KAZEI;
    const bare: ProcedureDefinition = { ...rest, extraFields: [], fieldHelp: {} };
    expect(toDefinition(draftOf(bare))).toEqual(bare);
    expect(Object.keys(toDefinition(draftOf(bare)))).not.toContain("residentEntry");
  });

  it("sends what the schema wants: trimmed texts, email always required, defaults and empty lists left out", () => {
    const draft: ProcedureDraft = {
      ...draftOf(KAZEI),
      nameJa: "  所得証明  ",
      requiredFields: ["dateOfBirth", "name"],
      residentEntry: "both",
      paymentTiming: "at_submission",
      officeIds: [],
      categoryIds: [],
      lifeEventIds: [],
      keywords: " , \n",
      fieldHelp: { ...draftOf(KAZEI).fieldHelp, phone: { ja: " ", en: "" } },
      feePerCopy: "１,０００",
    };
    const sent = toDefinition(draft);
    expect(sent.name.ja).toBe("所得証明");
    expect(sent.requiredFields).toEqual(["name", "dateOfBirth", "email"]);
    expect(sent.feePerCopy).toBe(1000);
    expect(sent.fieldHelp).toEqual({});
    for (const key of ["residentEntry", "paymentTiming", "officeIds", "categoryIds", "lifeEventIds", "keywords"]) expect(Object.keys(sent)).not.toContain(key);
    // Explicit "both ways" and "at submission" in a file read as the defaults they are.
    expect(toDefinition(draftOf({ ...KAZEI, residentEntry: ["account", "email_only"], paymentTiming: "at_submission" }))).not.toHaveProperty("residentEntry");
  });

  it("keeps both kinds' settings in a question and sends only the chosen kind's", () => {
    const draft = draftOf(KAZEI);
    const asText: ProcedureDraft = { ...draft, questions: [{ ...question(draft, 0), kind: "text", maxLength: "30" }, question(draft, 1)] };
    expect(toDefinition(asText).extraFields[0]).toEqual({ key: "purpose", label: { ja: "使用目的", en: "Purpose" }, kind: "text", maxLength: 30, required: true, help: { ja: "該当するものを選んでください。", en: "Choose one." } });
    const back: ProcedureDraft = { ...asText, questions: [{ ...question(asText, 0), kind: "select" }, question(asText, 1)] };
    expect(toDefinition(back)).toEqual(KAZEI);
  });

  it("marks stored questions saved (their keys fixed), gives every question and option its own uid, and starts a new procedure unpublished", () => {
    const draft = draftOf(KAZEI);
    expect(draft.questions.map((q) => [q.uid, q.saved])).toEqual([["q1", true], ["q2", true]]);
    expect(question(draft, 0).options.map((o) => o.uid)).toEqual(["o1", "o2"]);
    const q = newQuestion(draft);
    expect([q.uid, q.saved, q.kind, q.options.map((o) => o.uid)]).toEqual(["q3", false, "select", ["o3"]]);
    expect(newOption(draft).uid).toBe("o3");
    expect(nextUid({ questions: [] }, "q")).toBe("q1");
    const fresh = emptyDraft(["post", "express"]);
    expect([fresh.enabled, fresh.deliveryMethodIds, fresh.requiredFields.includes("email")]).toEqual([false, ["post"], true]);
  });

  it("reads whole numbers as staff type them, and keywords one a line or comma separated", () => {
    expect(["300", " ３００ ", "1,000", "0"].map(parseInteger)).toEqual([300, 300, 1000, 0]);
    expect(["", "-1", "1.5", "三百", "1e3", "12345678901234567"].map(parseInteger)).toEqual([null, null, null, null, null, null]);
    expect(parseKeywords("課税証明\n所得証明, 非課税証明、課税証明\r\n\n")).toEqual(["課税証明", "所得証明", "非課税証明"]);
  });

  it("keeps ticked ids in the catalog's order, unknown ones after, and moves entries one place at a time", () => {
    const order = ["post", "express", "counter"];
    expect(toggleId(["express"], "post", true, order)).toEqual(["post", "express"]);
    expect(toggleId(["gone", "express"], "post", true, order)).toEqual(["post", "express", "gone"]);
    expect(toggleId(["post", "express"], "post", false, order)).toEqual(["express"]);
    expect(move(["a", "b", "c"], 1, -1)).toEqual(["b", "a", "c"]);
    expect(move(["a", "b", "c"], 1, 1)).toEqual(["a", "c", "b"]);
    expect(move(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(move(["a", "b", "c"], 2, 1)).toEqual(["a", "b", "c"]);
  });
});

describe("the client's checks", () => {
  const messagesOf = (draft: ProcedureDraft, context: CheckContext = editing) => checkDraft(draft, context, ja).map((e) => e.inline);
  const targetsOf = (draft: ProcedureDraft, context: CheckContext = editing) => checkDraft(draft, context, ja).map((e) => e.targetId);

  it("passes a valid procedure", () => {
    expect(checkDraft(draftOf(KAZEI), editing, ja)).toEqual([]);
    expect(checkDraft({ ...draftOf(KAZEI), id: "kazei-2" }, creating, ja)).toEqual([]);
  });

  it("asks for a new procedure's id in the slug form, not one already used or reserved", () => {
    const base = draftOf(KAZEI);
    expect(messagesOf({ ...base, id: "" }, creating)).toEqual(["手続IDを入力してください。"]);
    for (const id of ["Juminhyo", "-a", "a_b", "住民票", "a".repeat(65)]) expect(messagesOf({ ...base, id }, creating)).toEqual([ja.check.idPattern]);
    expect(messagesOf({ ...base, id: "a".repeat(64) }, creating)).toEqual([]);
    expect(messagesOf({ ...base, id: "juminhyo" }, creating)).toEqual([ja.check.idTaken("juminhyo")]);
    expect(messagesOf({ ...base, id: "new" }, creating)).toEqual([ja.check.idReserved("new")]);
    expect(targetsOf({ ...base, id: "" }, creating)).toEqual([inputIds.id]);
    // Editing: the id is fixed, not checked again.
    expect(messagesOf({ ...base, id: "juminhyo" }, editing)).toEqual([]);
  });

  it("asks for the names and descriptions in both languages", () => {
    const draft = { ...draftOf(KAZEI), nameJa: " ", nameEn: "", descriptionJa: "", descriptionEn: "x".repeat(2001) };
    expect(messagesOf(draft)).toEqual(["名称（日本語）を入力してください。", "名称（英語）を入力してください。", "説明（日本語）を入力してください。", "説明（英語）は2000文字以内で入力してください。"]);
    expect(targetsOf(draft)).toEqual([inputIds.nameJa, inputIds.nameEn, inputIds.descriptionJa, inputIds.descriptionEn]);
  });

  it("wants the fee a whole number of yen up to a million, and the most copies 1–1000", () => {
    const base = draftOf(KAZEI);
    expect(messagesOf({ ...base, feePerCopy: "" })).toEqual(["手数料（1通、円）を入力してください。"]);
    for (const fee of ["-1", "1.5", "abc", String(FEE_MAX + 1)]) expect(messagesOf({ ...base, feePerCopy: fee })).toEqual(["手数料（1通、円）は0から1,000,000までの整数（半角数字）で入力してください。"]);
    for (const fee of ["0", "1,000,000", "３００"]) expect(messagesOf({ ...base, feePerCopy: fee })).toEqual([]);
    for (const copies of ["0", "1001", "x"]) expect(targetsOf({ ...base, maxCopies: copies })).toEqual([inputIds.maxCopies]);
    for (const copies of ["1", "1000"]) expect(messagesOf({ ...base, maxCopies: copies })).toEqual([]);
  });

  it("wants at least one delivery method, linked to the first checkbox", () => {
    const errors = checkDraft({ ...draftOf(KAZEI), deliveryMethodIds: [] }, editing, ja);
    expect(errors).toEqual([{ targetId: inputIds.delivery("post"), inline: ja.check.deliveryRequired, summary: ja.check.deliveryRequired }]);
  });

  it("wants keywords of at most 50 characters, and help texts in both languages or neither", () => {
    const base = draftOf(KAZEI);
    expect(messagesOf({ ...base, keywords: `ok\n${"長".repeat(51)}` })).toEqual([ja.check.keywordTooLong("長".repeat(51))]);
    const halfHelp = { ...base, fieldHelp: { ...base.fieldHelp, phone: { ja: "日中の番号", en: "" }, name: { ja: "", en: "Full name" } } };
    expect(checkDraft(halfHelp, editing, ja).map((e) => [e.targetId, e.inline])).toEqual([
      [inputIds.fieldHelp("name", "ja"), "氏名の説明（日本語）を入力してください（説明は日本語と英語の両方が必要です）。"],
      [inputIds.fieldHelp("phone", "en"), "電話番号の説明（英語）を入力してください（説明は日本語と英語の両方が必要です）。"],
    ]);
  });

  it("wants each question's key in its pattern and unique, its labels, its help in both languages", () => {
    const base = draftOf(KAZEI);
    const [q1, q2] = [question(base, 0), question(base, 1)];
    const draft = (a: Partial<QuestionDraft>, b: Partial<QuestionDraft> = {}): ProcedureDraft => ({ ...base, questions: [{ ...q1, ...a }, { ...q2, ...b }] });
    expect(messagesOf(draft({ key: "" }))).toEqual(["質問1のキーを入力してください。"]);
    for (const key of ["1st", "has-dash", "_x", "a".repeat(65), "用途"]) expect(messagesOf(draft({ key }))).toEqual([ja.check.keyPattern("質問1のキー")]);
    expect(messagesOf(draft({}, { key: "purpose" }))).toEqual([ja.check.keyDuplicate("質問2のキー", "purpose")]);
    expect(targetsOf(draft({}, { key: "purpose" }))).toEqual([inputIds.question("q2", "key")]);
    expect(messagesOf(draft({ labelJa: "", labelEn: "" }))).toEqual(["質問1の質問文（日本語）を入力してください。", "質問1の質問文（英語）を入力してください。"]);
    expect(targetsOf(draft({ helpEn: "" }))).toEqual([inputIds.question("q1", "help-en")]);
  });

  it("wants a select's options — at least one, each with a unique value and labels — and a text's length 1–200", () => {
    const base = draftOf(KAZEI);
    const [q1, q2] = [question(base, 0), question(base, 1)];
    const [o1, o2] = q1.options;
    if (o1 === undefined || o2 === undefined) throw new Error("options");
    const withQ1 = (q: Partial<QuestionDraft>): ProcedureDraft => ({ ...base, questions: [{ ...q1, ...q }, q2] });
    expect(checkDraft(withQ1({ options: [] }), editing, ja).map((e) => [e.targetId, e.inline])).toEqual([[inputIds.question("q1", "add-option"), "質問1の選択肢に選択肢を1つ以上追加してください。"]]);
    expect(checkDraft(withQ1({ options: [o1, { ...o2, value: " loan " }] }), editing, ja).map((e) => [e.targetId, e.inline])).toEqual([
      [inputIds.option("q1", "o2", "value"), ja.check.valueDuplicate("質問1の選択肢2の値", "loan")],
    ]);
    expect(targetsOf(withQ1({ options: [{ ...o1, value: "", labelEn: "" }, { ...o2, value: "v".repeat(65) }] }))).toEqual([
      inputIds.option("q1", "o1", "value"),
      inputIds.option("q1", "o1", "label-en"),
      inputIds.option("q1", "o2", "value"),
    ]);
    // A text question's options are not its business; its length is.
    expect(messagesOf(withQ1({ kind: "text", options: [], maxLength: "50" }))).toEqual([]);
    for (const maxLength of ["0", "201", "", "x"]) expect(targetsOf(withQ1({ kind: "text", maxLength }))).toEqual([inputIds.question("q1", "max-length")]);
    expect(messagesOf(withQ1({ kind: "text", maxLength: "200" }))).toEqual([]);
  });

  it("puts every error of a broken form on an input the editor renders", () => {
    const base = draftOf(KAZEI);
    const html = render(KAZEI);
    const ids = renderedIds(html);
    const broken: ProcedureDraft = {
      ...base,
      nameJa: "",
      nameEn: "",
      descriptionJa: "",
      descriptionEn: "",
      feePerCopy: "x",
      maxCopies: "0",
      deliveryMethodIds: [],
      keywords: "長".repeat(60),
      fieldHelp: { ...base.fieldHelp, postalCode: { ja: "7桁", en: "" } },
      questions: [
        { ...question(base, 0), key: "", labelJa: "", helpEn: "", options: question(base, 0).options.map((o) => ({ ...o, value: "", labelJa: "", labelEn: "" })) },
        { ...question(base, 1), labelEn: "", maxLength: "999" },
      ],
    };
    const errors = checkDraft(broken, editing, ja);
    expect(errors.length).toBeGreaterThan(15);
    for (const e of errors) expect([e.summary, e.targetId !== null && ids.has(e.targetId)]).toEqual([e.summary, true]);
    // And a select without options points at its "add an option" button.
    const noOptions = checkDraft({ ...base, questions: [{ ...question(base, 0), options: [] }] }, editing, ja);
    expect(noOptions.map((e) => ids.has(e.targetId ?? ""))).toEqual([true]);
  });

  it("checks a new procedure's empty form with messages linked to its inputs", () => {
    const ids = renderedIds(render(null));
    const errors = checkDraft(emptyDraft(choices.deliveryMethodIds), creating, ja);
    expect(errors.map((e) => e.targetId)).toEqual([inputIds.id, inputIds.nameJa, inputIds.nameEn, inputIds.descriptionJa, inputIds.descriptionEn, inputIds.feePerCopy]);
    for (const e of errors) expect(ids.has(e.targetId ?? "")).toBe(true);
  });

  it("speaks English on the English page", () => {
    expect(checkDraft({ ...draftOf(KAZEI), nameEn: "" }, editing, en).map((e) => e.inline)).toEqual(["Enter Name (English)."]);
  });
});

describe("the server's issues", () => {
  it("reads core's paths, ignoring the names in brackets", () => {
    expect(parseIssuePath("feePerCopy")).toEqual(["feePerCopy"]);
    expect(parseIssuePath("name.ja")).toEqual(["name", "ja"]);
    expect(parseIssuePath('extraFields[0] ("purpose").options[1].value')).toEqual(["extraFields", 0, "options", 1, "value"]);
    expect(parseIssuePath('extraFields[0] ("a \\"quoted\\" key").key')).toEqual(["extraFields", 0, "key"]);
    expect(parseIssuePath("deliveryMethodIds[0]")).toEqual(["deliveryMethodIds", 0]);
    expect(parseIssuePath("(procedure)")).toEqual([]);
    expect(parseIssuePath("what is this?")).toBeNull();
  });

  it("places each issue beside the input its path names, in the editor's words, with the server's text", () => {
    const draft = draftOf(KAZEI);
    const issues = [
      { path: "feePerCopy", message: "Expected a value greater than or equal to 0, got -1" },
      { path: "name.ja", message: "Expected a value with a length of at least 1" },
      { path: 'extraFields[0] ("purpose").options[1].value', message: 'duplicate option value "loan"' },
      { path: 'extraFields[0] ("purpose").options[0].label.en', message: "Expected a value with a length of at least 1" },
      { path: 'extraFields[1] ("submitTo").maxLength', message: "Expected a value less than or equal to 200, got 500" },
      { path: 'extraFields[1] ("submitTo").kind', message: 'Expected an extra field of kind "select" or "text"' },
      { path: "deliveryMethodIds[1]", message: 'unknown delivery method "express"' },
      { path: "categoryIds[0]", message: 'unknown category "zeimu"' },
      { path: "fieldHelp.phone.en", message: "Expected a value with a length of at least 1" },
      { path: "requiredFields[1]", message: "Expected ..." },
      { path: "residentEntry", message: "Expected ..." },
    ];
    const placed = placeIssues(issues, draft, choices, ja);
    expect(placed.map((p) => p.targetId)).toEqual([
      inputIds.feePerCopy,
      inputIds.nameJa,
      inputIds.option("q1", "o2", "value"),
      inputIds.option("q1", "o1", "label-en"),
      inputIds.question("q2", "max-length"),
      inputIds.question("q2", "kind"),
      inputIds.delivery("express"),
      inputIds.category("zeimu"),
      inputIds.fieldHelp("phone", "en"),
      inputIds.required("address"),
      inputIds.residentEntry,
    ]);
    expect(placed[0]).toEqual({
      targetId: inputIds.feePerCopy,
      inline: "この項目を確認してください（Expected a value greater than or equal to 0, got -1）",
      summary: "手数料（1通、円）：この項目を確認してください（Expected a value greater than or equal to 0, got -1）",
    });
    expect(placed[2]?.summary).toBe('質問1の選択肢2の値：この項目を確認してください（duplicate option value "loan"）');
    const ids = renderedIds(render(KAZEI));
    for (const p of placed) expect([p.targetId, ids.has(p.targetId ?? "")]).toEqual([p.targetId, true]);
  });

  it("keeps the issues that name nothing here in the summary only, with their path", () => {
    const placed = placeIssues(
      [
        { path: "(procedure)", message: "Expected an object" },
        { path: 'procedures[0] ("juminhyo").deliveryMethodIds[0]', message: 'unknown delivery method "x"' },
        { path: "somethingElse", message: "Unexpected key" },
      ],
      draftOf(KAZEI),
      choices,
      ja,
    );
    expect(placed.map((p) => p.targetId)).toEqual([null, null, null]);
    expect(placed[1]?.summary).toBe('procedures[0] ("juminhyo").deliveryMethodIds[0]：unknown delivery method "x"');
  });

  it("points an issue about a list or a question as a whole at something focusable", () => {
    const draft = { ...draftOf(KAZEI), deliveryMethodIds: [] };
    expect(fieldRef(["deliveryMethodIds"], draft, choices, ja)?.targetId).toBe(inputIds.delivery("post"));
    expect(fieldRef(["extraFields"], draft, choices, ja)?.targetId).toBe(inputIds.addQuestion);
    expect(fieldRef(["extraFields", 9, "key"], draft, choices, ja)?.targetId).toBe(inputIds.addQuestion);
    expect(fieldRef(["extraFields", 0, "options"], draft, choices, ja)?.targetId).toBe(inputIds.question("q1", "add-option"));
  });

  it("reads only well-formed issues from an error answer", () => {
    expect(procedureIssuesOf([{ path: "feePerCopy", message: "m" }, { path: 1, message: "m" }, null, "x", { path: "a" }])).toEqual([{ path: "feePerCopy", message: "m" }]);
    expect(procedureIssuesOf(undefined)).toEqual([]);
  });

  it("arranges errors per input (each message once) and for the summary", () => {
    const arranged = arrangeErrors([
      { targetId: "a", inline: "x", summary: "A: x" },
      { targetId: "a", inline: "x", summary: "A: x" },
      { targetId: "a", inline: "y", summary: "A: y" },
      { targetId: null, inline: "z", summary: "z" },
    ]);
    expect(arranged.byTarget.get("a")).toEqual(["x", "y"]);
    expect(arranged.summary).toEqual([
      { targetId: "a", message: "A: x" },
      { targetId: "a", message: "A: y" },
      { targetId: null, message: "z" },
    ]);
  });
});

describe("the editor around the form", () => {
  it("builds the portal link and the API path from the id", () => {
    expect(portalLink("https://portal.example.jp/", "juminhyo")).toBe("https://portal.example.jp/apply/juminhyo");
    expect(procedureApiPath("koseki-fuhyo")).toBe("/api/staff/procedures/koseki-fuhyo");
  });

  it("updates the catalog after a save: the new version, the procedure replaced or added at the end, now the back office's", () => {
    const changed = { ...KAZEI, feePerCopy: 350 };
    const after = catalogAfterSave(CATALOG, { version: 4, procedure: changed }, changed);
    expect([after.version, after.source, after.procedures.map((p) => p.id), after.procedures[0]?.feePerCopy]).toEqual([4, "back_office", ["shotoku-kazei", "juminhyo"], 350]);
    const added = { ...KAZEI, id: "new-one" };
    expect(catalogAfterSave(CATALOG, { version: 4, procedure: added }, added).procedures.map((p) => p.id)).toEqual(["shotoku-kazei", "juminhyo", "new-one"]);
  });

  it("renders the email address required and not to be unticked, and a saved question's key fixed", () => {
    const tag = (html: string, id: string): string => new RegExp(`<[a-z]+ [^>]*id="${id}"[^>]*>`).exec(html)?.[0] ?? "";
    const html = render(KAZEI);
    expect(tag(html, "procedure-required-email")).toContain('checked=""');
    expect(tag(html, "procedure-required-email")).toContain('disabled=""');
    expect(tag(html, "question-q1-key")).toContain('disabled=""');
    expect(tag(html, "procedure-id")).toContain('disabled=""');
    expect(tag(render(null), "procedure-id")).not.toContain("disabled");
  });

  it("has every text in both languages", () => {
    const shape = (value: unknown): unknown =>
      typeof value === "object" && value !== null ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)])) : typeof value;
    expect(shape(en)).toEqual(shape(ja));
  });
});

describe("the preview of the residents' form", () => {
  const allIds = (html: string): readonly string[] => [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1] ?? "");
  const duplicates = (ids: readonly string[]): readonly string[] => [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];

  it("shows the draft's applicant fields, copies, delivery methods and questions of both kinds, with their required flags and help", () => {
    expect(previewProcedure(draftOf(KAZEI))).toEqual({
      id: "shotoku-kazei",
      name: KAZEI.name,
      description: KAZEI.description,
      feePerCopy: 300,
      maxCopies: 5,
      deliveryMethodIds: ["post", "express"],
      // Keyed and valued by uid: see the next test.
      extraFields: [
        {
          key: "q1",
          label: { ja: "使用目的", en: "Purpose" },
          kind: "select",
          options: [
            { value: "o1", label: { ja: "ローン申込み", en: "Loan application" } },
            { value: "o2", label: { ja: "その他", en: "Other" } },
          ],
          required: true,
          help: { ja: "該当するものを選んでください。", en: "Choose one." },
        },
        { key: "q2", label: { ja: "提出先", en: "Submitted to" }, kind: "text", maxLength: 50, required: false },
      ],
      requiredFields: ["name", "address", "dateOfBirth", "email"],
      fieldHelp: { phone: { ja: "日中に連絡のつく番号", en: "A daytime number" } },
      requiresSignature: false,
      paymentTiming: "after_assessment",
    });
    const draft = draftOf(KAZEI);
    const optional = previewProcedure({ ...draft, requiredFields: [], questions: [{ ...question(draft, 0), required: false, helpJa: " ", helpEn: "" }] });
    expect(optional?.requiredFields).toEqual(["email"]);
    expect(optional?.extraFields[0]).not.toHaveProperty("help");
    expect(optional?.extraFields[0]?.required).toBe(false);
  });

  it("shows what is typed so far: no fee yet, keys and values not typed or typed twice, texts in one language or none", () => {
    const draft = draftOf(KAZEI);
    const [q1, q2] = [question(draft, 0), question(draft, 1)];
    const unfinished: ProcedureDraft = {
      ...draft,
      feePerCopy: "",
      nameEn: "",
      fieldHelp: { ...draft.fieldHelp, name: { ja: "", en: "Full name" } },
      questions: [
        { ...q1, key: "", labelJa: "", labelEn: "", helpJa: "", options: q1.options.map((o) => ({ ...o, value: "same", labelEn: "" })) },
        { ...q2, key: "", labelJa: "", labelEn: "Where to" },
        { ...newQuestion(draft), kind: "text" },
      ],
    };
    const preview = previewProcedure(unfinished);
    expect(preview?.feePerCopy).toBe(0);
    expect(preview?.name).toEqual({ ja: "所得・課税証明書", en: "所得・課税証明書" });
    expect(preview?.fieldHelp.name).toEqual({ ja: "Full name", en: "Full name" });
    expect(preview?.extraFields.map((f) => f.key)).toEqual(["q1", "q2", "q3"]);
    expect(preview?.extraFields.map((f) => f.label)).toEqual([
      { ja: ja.preview.untitledQuestion(1), en: en.preview.untitledQuestion(1) },
      { ja: "Where to", en: "Where to" },
      { ja: ja.preview.untitledQuestion(3), en: en.preview.untitledQuestion(3) },
    ]);
    const select = preview?.extraFields[0];
    expect(select?.kind === "select" ? select.options : null).toEqual([
      { value: "o1", label: { ja: "ローン申込み", en: "ローン申込み" } },
      { value: "o2", label: { ja: "その他", en: "その他" } },
    ]);
    const blankOption = previewProcedure({ ...draft, questions: [{ ...q1, options: [{ uid: "o9", value: "", labelJa: "", labelEn: "" }] }] })?.extraFields[0];
    expect(blankOption?.kind === "select" ? blankOption.options[0]?.label : null).toEqual({ ja: ja.preview.untitledOption(1), en: en.preview.untitledOption(1) });
  });

  it("shows no form while a limit it would show is not a valid number", () => {
    const draft = draftOf(KAZEI);
    for (const maxCopies of ["", "0", "1001", "x"]) expect(previewProcedure({ ...draft, maxCopies })).toBeNull();
    for (const maxLength of ["", "0", "201", "x"]) expect(previewProcedure({ ...draft, questions: [question(draft, 0), { ...question(draft, 1), maxLength }] })).toBeNull();
    // A select's (unused) length does not matter.
    expect(previewProcedure({ ...draft, questions: [{ ...question(draft, 0), maxLength: "" }] })).not.toBeNull();
  });

  it("renders below the editor's form, closed, not inside it, with every id on the page unique", () => {
    for (const procedure of [KAZEI, null]) {
      const html = render(procedure);
      expect(duplicates(allIds(html))).toEqual([]);
      const preview = /<details[^>]*data-testid="procedure-preview"[^>]*>/.exec(html)?.[0] ?? "";
      expect(preview).not.toBe("");
      expect(preview).not.toContain("open");
      expect(html).toContain(`<summary>${ja.preview.summary}</summary>`);
      expect(html).toContain("プレビューでは申請できません");
      // Forms do not nest: the editor's closes before the preview's opens.
      expect(html.indexOf("</form>")).toBeLessThan(html.indexOf("<details"));
      expect(html.match(/<form/g)?.length).toBe(2);
    }
    const ids = allIds(render(KAZEI));
    for (const id of ["applicant.name", "request.copies", "request.deliveryMethodId", "request.extra.q1", "request.extra.q2"]) expect(ids).toContain(id);
  });

  it("says so instead of a form while the draft cannot be shown", () => {
    const html = render({ ...KAZEI, maxCopies: 0 });
    expect(html).toContain('data-testid="procedure-preview-incomplete"');
    expect(html).not.toContain('id="request.copies"');
  });
});

describe("unsaved changes", () => {
  const loaded = draftOf(KAZEI);

  it("has none as loaded, or when only what a save drops differs", () => {
    expect(hasUnsavedChanges(loaded, loaded)).toBe(false);
    expect(hasUnsavedChanges(loaded, draftOf(KAZEI))).toBe(false);
    const q1 = question(loaded, 0);
    const same: ProcedureDraft = {
      ...loaded,
      nameJa: ` ${loaded.nameJa} `,
      keywords: "課税証明, 所得証明",
      requiredFields: ["email", "dateOfBirth", "address", "name"],
      // The text settings of a select, and the uids that name inputs, are not saved.
      questions: [{ ...q1, uid: "q7", maxLength: "99", options: q1.options.map((o, i) => ({ ...o, uid: `o${i + 10}` })) }, question(loaded, 1)],
    };
    expect(hasUnsavedChanges(loaded, same)).toBe(false);
    const fresh = emptyDraft(choices.deliveryMethodIds);
    expect(hasUnsavedChanges(fresh, emptyDraft(choices.deliveryMethodIds))).toBe(false);
  });

  it("has some as soon as anything a save would keep differs, numbers compared as typed", () => {
    const q1 = question(loaded, 0);
    const changes: readonly Partial<ProcedureDraft>[] = [
      { nameEn: "Tax certificate" },
      { feePerCopy: "350" },
      { enabled: false },
      { deliveryMethodIds: ["post"] },
      { residentEntry: "both" },
      { keywords: "課税証明" },
      { requiredFields: ["email"] },
      { fieldHelp: { ...loaded.fieldHelp, name: { ja: "戸籍上の氏名", en: "" } } },
      { questions: [question(loaded, 1), q1] },
      { questions: [q1] },
      { questions: [{ ...q1, required: false }, question(loaded, 1)] },
      { questions: [{ ...q1, kind: "text" }, question(loaded, 1)] },
      { questions: [{ ...q1, options: [...q1.options].reverse() }, question(loaded, 1)] },
      { questions: [q1, { ...question(loaded, 1), maxLength: "60" }] },
      { questions: [...loaded.questions, newQuestion(loaded)] },
    ];
    for (const change of changes) expect([change, hasUnsavedChanges(loaded, { ...loaded, ...change })]).toEqual([change, true]);
    expect(hasUnsavedChanges({ ...loaded, feePerCopy: "abc" }, { ...loaded, feePerCopy: "xyz" })).toBe(true);
    expect(hasUnsavedChanges(emptyDraft(choices.deliveryMethodIds), { ...emptyDraft(choices.deliveryMethodIds), id: "kazei-2" })).toBe(true);
  });

  it("shows no marker on a form just opened", () => {
    expect(render(KAZEI)).not.toContain("procedure-unsaved");
    expect(render(null)).not.toContain("procedure-unsaved");
  });
});

/** A procedure asking for dates and numbers: each range and bounds below zero. */
const MOVING: ProcedureDefinition = {
  ...KAZEI,
  id: "tenkyo-shomei",
  name: { ja: "転居証明書", en: "Certificate of a move" },
  extraFields: [
    { key: "movedOn", label: { ja: "転居した日", en: "Date of the move" }, kind: "date", range: "past", required: true, help: { ja: "住民票の異動日です。", en: "As in the resident record." } },
    { key: "neededBy", label: { ja: "必要な日", en: "Needed by" }, kind: "date", range: "future", required: false },
    { key: "persons", label: { ja: "転居した人数", en: "Persons who moved" }, kind: "number", min: 1, max: 8, required: true },
    { key: "floor", label: { ja: "階", en: "Floor" }, kind: "number", min: -5, max: 120, required: false },
    { key: "since", label: { ja: "住み始めた日", en: "Living there since" }, kind: "date", range: "any", required: false },
  ],
};

describe("date and number questions", () => {
  const moving = draftOf(MOVING);
  const messagesOf = (draft: ProcedureDraft) => checkDraft(draft, editing, ja).map((e) => [e.targetId, e.inline]);
  const withQuestion = (i: number, patch: Partial<QuestionDraft>): ProcedureDraft => ({ ...moving, questions: moving.questions.map((q, j) => (j === i ? { ...q, ...patch } : q)) });

  describe("in the draft", () => {
    it("round-trips each range and bounds below zero, typed as text", () => {
      expect(toDefinition(moving)).toEqual(MOVING);
      expect(moving.questions.map((q) => [q.kind, q.range, q.min, q.max])).toEqual([
        ["date", "past", "0", "99"],
        ["date", "future", "0", "99"],
        ["number", "any", "1", "8"],
        ["number", "any", "-5", "120"],
        ["date", "any", "0", "99"],
      ]);
      // Bounds as staff type them: full-width digits, an IME's minus signs, thousands separators.
      const typed = withQuestion(3, { min: "－５", max: "１,２００" });
      expect(toDefinition(typed).extraFields[3]).toEqual({ ...MOVING.extraFields[3], min: -5, max: 1200 });
      // Not a whole number: NaN, which the checks stop before anything is sent.
      expect(toDefinition(withQuestion(2, { min: "1.5" })).extraFields[2]).toMatchObject({ kind: "number", min: Number.NaN, max: 8 });
    });

    it("sends only the chosen kind's settings", () => {
      const date = toDefinition(moving).extraFields[0];
      expect(Object.keys(date ?? {}).sort()).toEqual(["help", "key", "kind", "label", "range", "required"]);
      const number = toDefinition(moving).extraFields[2];
      expect(Object.keys(number ?? {}).sort()).toEqual(["key", "kind", "label", "max", "min", "required"]);
    });

    it("offers the kinds in core's order", () => {
      expect(QUESTION_KINDS).toEqual(["text", "select", "date", "number"]);
    });

    it("gives a new question every kind's defaults: text 50 characters, date any day, number 0–99", () => {
      const q = newQuestion(moving);
      expect([q.maxLength, q.range, q.min, q.max]).toEqual(["50", "any", "0", "99"]);
      const common = { key: "count", labelJa: "人数", labelEn: "Persons", helpJa: "世帯の人数", helpEn: "Household", required: true };
      const typed = { ...q, ...common };
      const sent = (kind: QuestionDraft["kind"]) => toDefinition({ ...moving, questions: [withKind(typed, kind, () => newOption(moving))] }).extraFields[0];
      const kept = { key: "count", label: { ja: "人数", en: "Persons" }, required: true, help: { ja: "世帯の人数", en: "Household" } };
      expect(sent("date")).toEqual({ ...kept, kind: "date", range: "any" });
      expect(sent("number")).toEqual({ ...kept, kind: "number", min: 0, max: 99 });
      expect(sent("text")).toEqual({ ...kept, kind: "text", maxLength: 50 });
    });

    it("keeps the key, texts and required flag when the kind switches, and each kind's settings for a switch back", () => {
      const persons = question(moving, 2);
      const asDate = withKind(persons, "date", () => newOption(moving));
      expect(asDate).toEqual({ ...persons, kind: "date" });
      expect(toDefinition({ ...moving, questions: [asDate] }).extraFields[0]).toEqual({ key: "persons", label: MOVING.extraFields[2]?.label, kind: "date", range: "any", required: true });
      const typedThenBack = withKind({ ...withKind(persons, "text", () => newOption(moving)), maxLength: "20" }, "number", () => newOption(moving));
      expect([typedThenBack.kind, typedThenBack.min, typedThenBack.max, typedThenBack.maxLength, typedThenBack.saved, typedThenBack.uid]).toEqual(["number", "1", "8", "20", true, "q3"]);
    });

    it("gives a stored date or number question switched to a select one empty option to type into", () => {
      const asSelect = withKind(question(moving, 0), "select", () => newOption(moving));
      expect(asSelect.options).toEqual([{ uid: "o1", value: "", labelJa: "", labelEn: "" }]);
      // A select that has options keeps them.
      const kazei = draftOf(KAZEI);
      expect(withKind(withKind(question(kazei, 0), "date", () => newOption(kazei)), "select", () => newOption(kazei)).options).toEqual(question(kazei, 0).options);
    });

    it("reads a bound as staff type it, below zero too", () => {
      expect(["-5", "－５", "−1,000", "ー3", " 1000000 ", "0", "-0", "１２"].map(parseSignedInteger)).toEqual([-5, -5, -1000, -3, 1000000, 0, 0, 12]);
      expect(Object.is(parseSignedInteger("-0"), 0)).toBe(true);
      expect(["", "1.5", "--1", "+1", "1e3", "-", "五"].map(parseSignedInteger)).toEqual([null, null, null, null, null, null, null]);
      // Fees and copies still take no sign.
      expect(parseInteger("-5")).toBeNull();
    });
  });

  describe("the client's checks", () => {
    it("passes date questions of every range and numbers within ±1,000,000", () => {
      expect(checkDraft(moving, editing, ja)).toEqual([]);
      expect(messagesOf(withQuestion(2, { min: "-1,000,000", max: "1000000" }))).toEqual([]);
      expect(messagesOf(withQuestion(2, { min: "７", max: "７" }))).toEqual([]);
    });

    it("refuses a lowest value above the highest, beside the highest as the server does", () => {
      expect(checkDraft(withQuestion(2, { min: "9", max: "8" }), editing, ja)).toEqual([
        { targetId: inputIds.question("q3", "max"), inline: "質問3の最大値は最小値（9）以上にしてください。", summary: "質問3の最大値は最小値（9）以上にしてください。" },
      ]);
      expect(checkDraft(withQuestion(2, { min: "9", max: "8" }), editing, en).map((e) => e.inline)).toEqual(["Question 3: Highest value: at least the lowest value (9)."]);
    });

    it("refuses bounds that are not whole numbers within ±1,000,000, or empty, each beside its input", () => {
      const bound = "は-1,000,000から1,000,000までの整数で入力してください。";
      expect(messagesOf(withQuestion(2, { min: "1.5" }))).toEqual([[inputIds.question("q3", "min"), `質問3の最小値${bound}`]]);
      expect(messagesOf(withQuestion(2, { max: "1000001" }))).toEqual([[inputIds.question("q3", "max"), `質問3の最大値${bound}`]]);
      expect(messagesOf(withQuestion(3, { min: "-1000001" }))).toEqual([[inputIds.question("q4", "min"), `質問4の最小値${bound}`]]);
      expect(messagesOf(withQuestion(2, { min: "abc", max: "" }))).toEqual([
        [inputIds.question("q3", "min"), `質問3の最小値${bound}`],
        [inputIds.question("q3", "max"), "質問3の最大値を入力してください。"],
      ]);
      // A bound that is not a number says nothing about their order.
      expect(messagesOf(withQuestion(2, { min: "x", max: "-3" }))).toHaveLength(1);
    });

    it("ignores the settings of kinds not chosen", () => {
      expect(checkDraft(withQuestion(0, { min: "x", max: "", maxLength: "0", options: [] }), editing, ja)).toEqual([]);
      const kazei = draftOf(KAZEI);
      expect(checkDraft({ ...kazei, questions: kazei.questions.map((q) => ({ ...q, min: "9", max: "1" })) }, editing, ja)).toEqual([]);
    });
  });

  describe("the server's issues", () => {
    it("lands .min, .max and .range beside their inputs, in the editor's words", () => {
      const placed = placeIssues(
        [
          { path: 'extraFields[2] ("persons").max', message: "max 0 is below min 1" },
          { path: 'extraFields[3] ("floor").min', message: "Expected a value greater than or equal to -1000000, got -2000000" },
          { path: 'extraFields[0] ("movedOn").range', message: 'Expected "past" | "future" | "any", got "soon"' },
        ],
        moving,
        choices,
        ja,
      );
      expect(placed.map((p) => p.targetId)).toEqual([inputIds.question("q3", "max"), inputIds.question("q4", "min"), inputIds.question("q1", "range")]);
      expect(placed.map((p) => p.summary)).toEqual([
        "質問3の最大値：この項目を確認してください（max 0 is below min 1）",
        "質問4の最小値：この項目を確認してください（Expected a value greater than or equal to -1000000, got -2000000）",
        '質問1の受け付ける日付：この項目を確認してください（Expected "past" | "future" | "any", got "soon"）',
      ]);
      const ids = renderedIds(render(MOVING));
      for (const p of placed) expect([p.targetId, ids.has(p.targetId ?? "")]).toEqual([p.targetId, true]);
    });
  });

  describe("in the editor", () => {
    /** The opening tag of the element with this id. */
    const tag = (html: string, id: string): string => new RegExp(`<[a-z]+ [^>]*id="${id}"[^>]*>`).exec(html)?.[0] ?? "";
    const settings = (q: QuestionDraft, errors: Readonly<Record<string, readonly string[]>> = {}) =>
      renderToStaticMarkup(
        createElement(
          I18nProvider,
          null,
          createElement(QuestionSettings, { question: q, set: () => undefined, errors: (id: string) => errors[id] ?? [], m: ja, name: "質問1", newOption: () => newOption(moving), focusLater: () => undefined }),
        ),
      );

    it("offers the four kinds, in order, with their Japanese names", () => {
      const html = render(MOVING);
      const kinds = /<select[^>]*id="question-q1-kind"[^>]*>(.*?)<\/select>/.exec(html)?.[1] ?? "";
      expect([...kinds.matchAll(/<option value="([^"]+)"[^>]*>([^<]+)</g)].map((m) => [m[1], m[2]])).toEqual([
        ["text", "自由記入（1行）"],
        ["select", "選択肢から選ぶ"],
        ["date", "日付"],
        ["number", "数値"],
      ]);
    });

    it("shows a date question's range as labelled radios, the stored one checked, its help tied to the group", () => {
      const html = render(MOVING);
      expect(tag(html, "question-q1-range")).toContain('value="past"');
      expect(tag(html, "question-q1-range")).toContain('checked=""');
      expect(tag(html, "question-q2-range--future")).toContain('checked=""');
      expect(tag(html, "question-q5-range--any")).toContain('checked=""');
      for (const text of ["受け付ける日付", "今日以前の日付", "今日以降の日付", "制限なし"]) expect(html).toContain(text);
      expect(html).toContain('<label for="question-q1-range--future" class="radio__label">今日以降の日付');
      expect(html).toContain('aria-describedby="question-q1-range-help"');
      // No number inputs on a date question, no range on a number question.
      expect(renderedIds(html).has("question-q1-min")).toBe(false);
      expect(renderedIds(html).has("question-q3-range")).toBe(false);
    });

    it("shows a number question's bounds as labelled text inputs with their help", () => {
      const html = render(MOVING);
      expect(html).toContain('<label class="field__label" for="question-q3-min">最小値');
      expect(html).toContain('<label class="field__label" for="question-q3-max">最大値');
      expect(tag(html, "question-q4-min")).toContain('value="-5"');
      expect(tag(html, "question-q4-min")).toContain('type="text"');
      expect(tag(html, "question-q3-min")).toContain('aria-describedby="question-q3-min-help"');
      expect(tag(html, "question-q3-max")).toContain('aria-describedby="question-q3-max-help"');
    });

    it("ties each bound's and the range's errors to their input", () => {
      const number = settings(question(moving, 2), { [inputIds.question("q3", "max")]: ["質問3の最大値は最小値（9）以上にしてください。"] });
      expect(tag(number, "question-q3-max")).toContain('aria-invalid="true"');
      expect(tag(number, "question-q3-max")).toContain('aria-describedby="question-q3-max-error question-q3-max-help"');
      expect(tag(number, "question-q3-max-error")).not.toBe("");
      expect(number).toContain("質問3の最大値は最小値（9）以上にしてください。");
      expect(tag(number, "question-q3-min")).not.toContain("aria-invalid");
      const date = settings(question(moving, 0), { [inputIds.question("q1", "range")]: ["この項目を確認してください（x）"] });
      expect(date).toContain('aria-describedby="question-q1-range-error question-q1-range-help"');
      expect(tag(date, "question-q1-range")).toContain('aria-invalid="true"');
    });
  });

  describe("in the preview", () => {
    it("describes date questions by their range and number questions by their bounds", () => {
      expect(previewProcedure(moving)?.extraFields).toEqual([
        { key: "q1", label: MOVING.extraFields[0]?.label, kind: "date", range: "past", required: true, help: MOVING.extraFields[0]?.help },
        { key: "q2", label: MOVING.extraFields[1]?.label, kind: "date", range: "future", required: false },
        { key: "q3", label: MOVING.extraFields[2]?.label, kind: "number", min: 1, max: 8, required: true },
        { key: "q4", label: MOVING.extraFields[3]?.label, kind: "number", min: -5, max: 120, required: false },
        { key: "q5", label: MOVING.extraFields[4]?.label, kind: "date", range: "any", required: false },
      ]);
      // As typed, before a save: full-width bounds.
      expect(previewProcedure(withQuestion(2, { min: "２", max: "１０" }))?.extraFields[2]).toMatchObject({ kind: "number", min: 2, max: 10 });
    });

    it("shows no form while a number question's bounds are not whole numbers within ±1,000,000, or cross", () => {
      for (const bounds of [{ min: "" }, { min: "1.5" }, { max: "x" }, { max: "1000001" }, { min: "-1000001" }, { min: "9", max: "8" }]) expect([bounds, previewProcedure(withQuestion(2, bounds))]).toEqual([bounds, null]);
      expect(previewProcedure(withQuestion(2, { min: "8", max: "8" }))).not.toBeNull();
      // The settings of kinds not chosen do not matter.
      expect(previewProcedure(withQuestion(0, { min: "x", maxLength: "" }))).not.toBeNull();
    });

    it("renders the resident's date and number inputs with the hints the apply page gives them", () => {
      const html = render(MOVING);
      const preview = html.slice(html.indexOf("<details"));
      for (const key of ["q1", "q2", "q3", "q4", "q5"]) expect(preview).toContain(`id="request.extra.${key}"`);
      for (const field of previewProcedure(moving)?.extraFields ?? []) {
        const help = extraFieldHelp(field, "ja");
        expect([field.key, help !== null && preview.includes(help)]).toEqual([field.key, true]);
      }
    });

    it("keeps every id on the page unique", () => {
      const ids = [...render(MOVING).matchAll(/ id="([^"]+)"/g)].map((m) => m[1] ?? "");
      expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    });
  });

  describe("unsaved changes", () => {
    it("counts a change of range or bounds, not the settings of kinds not chosen or spaces around a bound", () => {
      expect(hasUnsavedChanges(moving, withQuestion(0, { range: "any" }))).toBe(true);
      expect(hasUnsavedChanges(moving, withQuestion(2, { max: "9" }))).toBe(true);
      expect(hasUnsavedChanges(moving, withQuestion(2, { min: "0" }))).toBe(true);
      expect(hasUnsavedChanges(moving, withQuestion(2, { kind: "date" }))).toBe(true);
      expect(hasUnsavedChanges(moving, withQuestion(2, { max: " 8 ", range: "past", maxLength: "1" }))).toBe(false);
      expect(hasUnsavedChanges(moving, withQuestion(0, { min: "5", max: "1", options: [newOption(moving)] }))).toBe(false);
    });
  });
});
