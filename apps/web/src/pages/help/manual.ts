/**
 * The shape of a manual (N10: 住民・職員・管理者向けのマニュアルをポータルから閲覧できること): sections with
 * headings and in-page ids, each a list of blocks. Texts are data, not markup, so that the Japanese and English
 * versions can be checked to have the same sections (apps/web/test/help-manuals.test.ts) and every manual is laid
 * out the same way (help-page.tsx).
 */

/** A link inside a text: an in-app path (`/status`) or a section of the same page (`#guide-sign`). */
export interface ManualLink {
  readonly href: string;
  readonly text: string;
}

/** A run of text, plain or with links and commands in it. */
export type Inline = string | readonly (string | ManualLink | { readonly code: string })[];

/** A block of a section. A bare {@link Inline} is a paragraph. */
export type Block =
  | Inline
  | { readonly list: readonly Inline[]; readonly ordered?: boolean }
  | { readonly table: { readonly caption: string; readonly head: readonly string[]; readonly rows: readonly (readonly Inline[])[] } }
  /** Something to keep in mind (shown highlighted). */
  | { readonly note: Inline }
  /** A command to type on the server (shown as code). */
  | { readonly command: string };

/** A section: an `<h2>` (its subsections `<h3>`) whose `id` the table of contents links to. */
export interface ManualSection {
  readonly id: string;
  readonly title: string;
  readonly blocks: readonly Block[];
  readonly subsections?: readonly ManualSection[];
}

/** One manual in one language. */
export interface Manual {
  readonly title: string;
  readonly intro: readonly Block[];
  /** The table of contents' heading (目次). */
  readonly contents: string;
  /** The link at the end of each section back to the table of contents. */
  readonly backToContents: string;
  readonly sections: readonly ManualSection[];
}

/** The id of the table of contents' heading (what "back to contents" links to). */
export const CONTENTS_ID = "help-contents";

/** Every section id of a manual, subsections after their section, in page order. */
export const sectionIds = (manual: Manual): readonly string[] => {
  const ids: string[] = [];
  const walk = (sections: readonly ManualSection[]) => {
    for (const s of sections) {
      ids.push(s.id);
      walk(s.subsections ?? []);
    }
  };
  walk(manual.sections);
  return ids;
};

/** Whether a block is a run of text (a paragraph). */
export const isInline = (block: Block): block is Inline => typeof block === "string" || Array.isArray(block);

const inlineLinks = (inline: Inline): readonly string[] =>
  typeof inline === "string" ? [] : inline.flatMap((part) => (typeof part === "object" && "href" in part ? [part.href] : []));

const blockLinks = (block: Block): readonly string[] => {
  if (isInline(block)) return inlineLinks(block);
  if ("list" in block) return block.list.flatMap(inlineLinks);
  if ("table" in block) return block.table.rows.flatMap((row) => row.flatMap(inlineLinks));
  if ("note" in block) return inlineLinks(block.note);
  return [];
};

/** Every link target of a manual (in-app paths and `#section` links), in page order. */
export const manualLinks = (manual: Manual): readonly string[] => {
  const links: string[] = [...manual.intro.flatMap(blockLinks)];
  const walk = (sections: readonly ManualSection[]) => {
    for (const s of sections) {
      links.push(...s.blocks.flatMap(blockLinks));
      walk(s.subsections ?? []);
    }
  };
  walk(manual.sections);
  return links;
};

/** All the words of a manual, for tests that check it names what the app really shows. */
export const manualText = (manual: Manual): string => {
  const inline = (i: Inline): string => (typeof i === "string" ? i : i.map((p) => (typeof p === "string" ? p : "code" in p ? p.code : p.text)).join(""));
  const block = (b: Block): string => {
    if (isInline(b)) return inline(b);
    if ("list" in b) return b.list.map(inline).join("\n");
    if ("table" in b) return [b.table.caption, ...b.table.head, ...b.table.rows.flatMap((r) => r.map(inline))].join("\n");
    if ("note" in b) return inline(b.note);
    return b.command;
  };
  const section = (s: ManualSection): string => [s.title, ...s.blocks.map(block), ...(s.subsections ?? []).map(section)].join("\n");
  return [manual.title, ...manual.intro.map(block), ...manual.sections.map(section)].join("\n");
};
