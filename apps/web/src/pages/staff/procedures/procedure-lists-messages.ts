import type { Locale, Localized } from "../../../i18n/locale.ts";
import { procedureMessages } from "./procedures-messages.ts";

/**
 * S6: the texts of the lists page (`/staff/procedures/lists`) — the delivery methods with their postage, the
 * categories and the life events — Japanese first. The server's issues come in English technical text; they are
 * shown inside a Japanese (or English) sentence, as in the procedure editor.
 */
export const procedureListsMessages = {
  ja: {
    title: "配送方法・分類・ライフイベントの管理",
    back: "手続の一覧に戻る",
    intro:
      "手続の編集画面で選ぶ配送方法（交付方法）とその郵送料、ポータルで手続を探すための分類とライフイベントを登録・変更します。3つの一覧はまとめて保存されます。",
    sourceFile: "いま表示しているのは、手続ファイル（config/procedures.json）の一覧です。この画面で保存すると、以後は管理画面に保存した一覧が使われます（市区町村名と窓口は引き続きファイルから読み込みます）。",
    removeNote: "手続が使っている配送方法・分類・ライフイベントは、削除しても保存できません。先に手続の編集画面でその手続から外してください。",
    lists: {
      deliveryMethods: {
        legend: "配送方法（郵送料）",
        intro: "住民が証明書の受け取り方として選ぶ方法と、1件の申請にかかる郵送料です（手続の編集画面の「交付方法」に表示されます）。1つ以上必要です。",
        row: "配送方法",
        editorField: procedureMessages.ja.fields.deliveryMethods,
        add: "配送方法を追加",
        none: "配送方法がありません。1つ以上追加してください。",
      },
      categories: {
        legend: "分類",
        intro: "ポータルで手続を分野から探すときの分類です（例：住民票・印鑑登録、税の証明）。",
        row: "分類",
        editorField: procedureMessages.ja.fields.categories,
        add: "分類を追加",
        none: "分類はありません。",
      },
      lifeEvents: {
        legend: "ライフイベント",
        intro: "引越しや出生など、暮らしの出来事から手続を探すときに使います。",
        row: "ライフイベント",
        editorField: procedureMessages.ja.fields.lifeEvents,
        add: "ライフイベントを追加",
        none: "ライフイベントはありません。",
      },
    },
    fields: { id: "ID", nameJa: "名称（日本語）", nameEn: "名称（英語）", postage: "郵送料（円）" },
    help: {
      id: "半角の英小文字・数字・ハイフン（-）で64文字まで、先頭は英小文字か数字（例: express、hikkoshi）。保存後は変更できません。",
      idFixed: "保存済みのIDは、手続や過去の申請が参照しているため変更できません。",
      postage: "0円以上の整数（全角数字も入力できます）。窓口での受け取りなど、郵送料がかからない方法は 0。",
    },
    rowName: (row: string, n: number, id: string) => (id === "" ? `${row}${n}` : `${row}${n}（${id}）`),
    within: (outer: string, inner: string) => `${outer}の${inner}`,
    remove: "削除",
    removeLabel: (rowName: string) => `${rowName}を削除`,
    save: "保存する",
    saving: "保存しています…",
    unsaved: "未保存の変更があります",
    leaveQuestion: "保存していない変更があります。保存せずにこのページを離れますか？",
    saved: "保存しました。郵送料の変更は次の申請から適用されます。",
    conflict: "ほかの職員が一覧を保存したため、保存できませんでした。再読み込みして最新の内容を確認してから、もう一度変更してください（入力中の内容は失われます）。",
    reload: "再読み込み",
    checkThis: (message: string) => `この項目を確認してください（${message}）`,
    issueAt: (label: string, message: string) => `${label}：この項目を確認してください（${message}）`,
    issueElsewhere: (path: string, message: string) => `${path}：${message}`,
    stillUsed: (procedure: string, listRow: string, editorField: string, item: string | null, message: string) =>
      item === null
        ? `手続「${procedure}」が削除した${listRow}をまだ使っているため、保存できません。先にその手続の編集画面の「${editorField}」でチェックを外して手続を保存してから、もう一度ここで保存してください（${message}）。`
        : `手続「${procedure}」が${listRow}「${item}」をまだ使っているため、保存できません。先にその手続の編集画面の「${editorField}」で「${item}」のチェックを外して手続を保存してから、もう一度ここで保存してください（${message}）。`,
    procedureName: (name: string, id: string) => `${name}（${id}）`,
    blockingTitle: "先に変更が必要な手続",
    openProcedure: (name: string) => `${name}を編集する`,
    check: {
      required: (label: string) => `${label}を入力してください。`,
      tooLong: (label: string, max: number) => `${label}は${max}文字以内で入力してください。`,
      idPattern: (label: string) => `${label}は、半角の英小文字・数字・ハイフン（-）の64文字以内で、英小文字か数字で始めてください。`,
      idDuplicate: (label: string, id: string) => `${label}「${id}」が同じ一覧のほかの行と同じです。別のIDにしてください。`,
      postage: (label: string) => `${label}は0以上の整数（円）で入力してください。`,
      deliveryRequired: "配送方法を1つ以上登録してください。",
      tooMany: (list: string, max: number) => `${list}は${max}件までです。`,
    },
  },
  en: {
    title: "Delivery methods, categories and life events",
    back: "Back to the procedures",
    intro:
      "Add and change the delivery methods procedures offer, with their postage, and the categories and life events residents find procedures by on the portal. The three lists are saved together.",
    sourceFile: "These are the lists of the catalog file (config/procedures.json). Once you save here, the lists saved in the back office are used (the municipality's name and its offices still come from the file).",
    removeNote: "A delivery method, category or life event that a procedure uses cannot be removed: first remove it from that procedure in the procedure editor.",
    lists: {
      deliveryMethods: {
        legend: "Delivery methods (postage)",
        intro: "How residents receive their certificates, and the postage one application costs (offered under “Delivery methods” in the procedure editor). At least one is needed.",
        row: "Delivery method",
        editorField: procedureMessages.en.fields.deliveryMethods,
        add: "Add a delivery method",
        none: "No delivery methods. Add at least one.",
      },
      categories: {
        legend: "Categories",
        intro: "The fields residents browse procedures by on the portal (e.g. residence and seal registration, tax certificates).",
        row: "Category",
        editorField: procedureMessages.en.fields.categories,
        add: "Add a category",
        none: "No categories.",
      },
      lifeEvents: {
        legend: "Life events",
        intro: "The moments in life residents find procedures by (moving, a birth …).",
        row: "Life event",
        editorField: procedureMessages.en.fields.lifeEvents,
        add: "Add a life event",
        none: "No life events.",
      },
    },
    fields: { id: "ID", nameJa: "Name (Japanese)", nameEn: "Name (English)", postage: "Postage (yen)" },
    help: {
      id: "Up to 64 lower-case letters, digits and hyphens (-), starting with a letter or digit (e.g. express, moving). It cannot be changed once saved.",
      idFixed: "Procedures and past applications refer to a saved ID: it cannot change.",
      postage: "A whole number of yen from 0 (full-width digits are fine). 0 for a method without postage, such as collecting at the counter.",
    },
    rowName: (row: string, n: number, id: string) => (id === "" ? `${row} ${n}` : `${row} ${n} (${id})`),
    within: (outer: string, inner: string) => `${outer}: ${inner}`,
    remove: "Remove",
    removeLabel: (rowName: string) => `Remove ${rowName}`,
    save: "Save",
    saving: "Saving…",
    unsaved: "Unsaved changes",
    leaveQuestion: "You have changes that are not saved. Leave this page without saving?",
    saved: "Saved. Postage changes apply from the next application.",
    conflict: "Another staff member saved the lists meanwhile, so this was not saved. Reload to see the latest, then make your change again (what you typed here is lost).",
    reload: "Reload",
    checkThis: (message: string) => `Check this item (${message})`,
    issueAt: (label: string, message: string) => `${label}: check this item (${message})`,
    issueElsewhere: (path: string, message: string) => `${path}: ${message}`,
    stillUsed: (procedure: string, listRow: string, editorField: string, item: string | null, message: string) =>
      `Not saved: the procedure “${procedure}” still uses the ${listRow.toLowerCase()}${item === null ? " you removed" : ` “${item}”`}. First untick it under “${editorField}” in that procedure's editor and save the procedure, then save here again (${message}).`,
    procedureName: (name: string, id: string) => `${name} (${id})`,
    blockingTitle: "Procedures to change first",
    openProcedure: (name: string) => `Edit ${name}`,
    check: {
      required: (label: string) => `Enter ${label}.`,
      tooLong: (label: string, max: number) => `${label}: at most ${max} characters.`,
      idPattern: (label: string) => `${label}: up to 64 lower-case letters, digits and hyphens (-), starting with a letter or digit.`,
      idDuplicate: (label: string, id: string) => `${label} “${id}” is used by another row of the list. Choose another ID.`,
      postage: (label: string) => `${label}: a whole number of yen from 0.`,
      deliveryRequired: "Add at least one delivery method.",
      tooMany: (list: string, max: number) => `${list}: at most ${max} entries.`,
    },
  },
} as const;

/** The texts of one language. */
export type ProcedureListsMessages = (typeof procedureListsMessages)[Locale];

/** The link from the procedures page to the lists page. */
export const procedureListsLinkLabel: Localized = { ja: procedureListsMessages.ja.title, en: procedureListsMessages.en.title };
