import type { FormLayout, PrintableForm } from "@madoguchi/core";

/**
 * An A4 portrait form: headings with MJ characters, boxes, single values and a group of up to three rows.
 * Small on purpose (the suite prints it a few times), but with every kind of placement a real form has.
 */
export const a4Layout: FormLayout = {
  id: "contract-a4",
  version: 3,
  name: { ja: "契約試験用の届（A4）", en: "Contract test form (A4)" },
  page: { widthMm: 210, heightMm: 297 },
  texts: [
    { text: "試験用届出書", xMm: 80, yMm: 20, sizePt: 18 },
    { text: "氏名", xMm: 12, yMm: 40, sizePt: 9 },
    { text: "ふりがな", xMm: 12, yMm: 50, sizePt: 9 },
    { text: "住所", xMm: 12, yMm: 60, sizePt: 9 },
    { text: "届出日", xMm: 12, yMm: 70, sizePt: 9 },
    { text: "髙﨑市𠮷野町（見出しの外字）", xMm: 12, yMm: 80, sizePt: 9 },
    { text: "世帯員", xMm: 12, yMm: 100, sizePt: 9 },
  ],
  boxes: [
    { xMm: 10, yMm: 33, widthMm: 190, heightMm: 40 },
    { xMm: 10, yMm: 93, widthMm: 190, heightMm: 40 },
  ],
  fields: [
    { key: "name", xMm: 40, yMm: 40, widthMm: 80, sizePt: 12 },
    { key: "kana", xMm: 40, yMm: 50, widthMm: 80, sizePt: 9 },
    { key: "address", xMm: 40, yMm: 60, widthMm: 158, sizePt: 10.5 },
    { key: "notifiedOn", xMm: 40, yMm: 70, widthMm: 60, sizePt: 10 },
    { key: "code", xMm: 130, yMm: 70, widthMm: 40, sizePt: 10 },
    // Narrow on purpose: the long-value case shrinks a value into it.
    { key: "narrow", xMm: 130, yMm: 40, widthMm: 40, sizePt: 11 },
  ],
  groups: [
    {
      key: "members",
      maxRows: 3,
      stepMm: 10,
      fields: [
        { key: "name", xMm: 40, yMm: 110, widthMm: 70, sizePt: 11 },
        { key: "relationship", xMm: 120, yMm: 110, widthMm: 30, sizePt: 10 },
        { key: "birthDate", xMm: 155, yMm: 110, widthMm: 43, sizePt: 10 },
      ],
    },
  ],
};

/** A landscape page that is not A4 (A5 landscape), with one value. */
export const landscapeLayout: FormLayout = {
  id: "contract-landscape",
  version: 2,
  name: { ja: "契約試験用の届（A5横）", en: "Contract test form (A5 landscape)" },
  page: { widthMm: 210, heightMm: 148 },
  texts: [{ text: "確認票", xMm: 90, yMm: 20, sizePt: 16 }],
  boxes: [{ xMm: 10, yMm: 30, widthMm: 190, heightMm: 20 }],
  fields: [{ key: "confirmationNumber", xMm: 15, yMm: 43, widthMm: 100, sizePt: 12 }],
  groups: [],
};

/** Values with MJ and rare characters, kana, digits and 和暦, in every single field and every row of {@link a4Layout}. */
export const a4Form: PrintableForm = {
  layoutId: a4Layout.id,
  values: {
    name: "𠮷野 髙橋",
    kana: "よしの たかはし",
    address: "東京都葛飾区亀有三丁目15番1号 﨑ビル201",
    notifiedOn: "令和8年11月25日",
    code: "12345678901",
    narrow: "邉",
  },
  rows: {
    members: [
      { name: "渡邉 﨑子", relationship: "妻", birthDate: "昭和63年2月29日" },
      { name: "ワタナベ ジョン", relationship: "子", birthDate: "平成31年4月30日" },
      { name: "𠮷田 髙", relationship: "同居人", birthDate: "令和元年5月1日" },
    ],
  },
};
