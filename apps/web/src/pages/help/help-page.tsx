import { useEffect, type ReactNode } from "react";
import { Alert } from "../../components/alert.tsx";
import { Link } from "../../components/link.tsx";
import { PageTitle } from "../../components/page-title.tsx";
import { CONTENTS_ID, isInline, type Block, type Inline, type Manual, type ManualSection } from "./manual.ts";

/** A run of text: in-app paths are app links, `#…` links jump within the page, commands are code. */
function Text({ inline }: { readonly inline: Inline }) {
  if (typeof inline === "string") return <>{inline}</>;
  return (
    <>
      {inline.map((part, i) => {
        if (typeof part === "string") return <span key={i}>{part}</span>;
        if ("code" in part) {
          return (
            <code key={i} className="code">
              {part.code}
            </code>
          );
        }
        // A section of this page: the browser's own jump (no history entry of the app's router needed).
        if (part.href.startsWith("#")) {
          return (
            <a key={i} href={part.href}>
              {part.text}
            </a>
          );
        }
        return (
          <Link key={i} href={part.href}>
            {part.text}
          </Link>
        );
      })}
    </>
  );
}

function BlockView({ block, id }: { readonly block: Block; readonly id: string }) {
  if (isInline(block)) {
    return (
      <p>
        <Text inline={block} />
      </p>
    );
  }
  if ("list" in block) {
    const items = block.list.map((item, i) => (
      <li key={i}>
        <Text inline={item} />
      </li>
    ));
    return block.ordered === true ? <ol>{items}</ol> : <ul>{items}</ul>;
  }
  if ("table" in block) {
    const captionId = `${id}-caption`;
    return (
      // Scrolls sideways on a narrow screen: focusable, so keyboard users can scroll it too.
      <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="table table--rows help-table">
          <caption id={captionId}>{block.table.caption}</caption>
          <thead>
            <tr>
              {block.table.head.map((h, i) => (
                <th key={i} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.table.rows.map((row, r) => (
              <tr key={r}>
                {row.map((cell, c) =>
                  c === 0 ? (
                    <th key={c} scope="row">
                      <Text inline={cell} />
                    </th>
                  ) : (
                    <td key={c}>
                      <Text inline={cell} />
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  if ("note" in block) {
    return (
      <Alert kind="info">
        <p>
          <Text inline={block.note} />
        </p>
      </Alert>
    );
  }
  return (
    <pre className="help-command">
      <code>{block.command}</code>
    </pre>
  );
}

/** A section's heading and blocks; its subsections one level down. */
function SectionView({ section, level }: { readonly section: ManualSection; readonly level: 2 | 3 }) {
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <section className={`help-section help-section--${level}`} data-testid={`help-section-${section.id}`}>
      {/* Focusable by script only: a jump from the table of contents lands here for screen readers too. */}
      <Heading id={section.id} tabIndex={-1}>
        {section.title}
      </Heading>
      {section.blocks.map((block, i) => (
        <BlockView key={i} block={block} id={`${section.id}-${i}`} />
      ))}
      {(section.subsections ?? []).map((sub) => (
        <SectionView key={sub.id} section={sub} level={3} />
      ))}
    </section>
  );
}

function Contents({ manual }: { readonly manual: Manual }) {
  const entries = (sections: readonly ManualSection[]): ReactNode => (
    <ol>
      {sections.map((s) => (
        <li key={s.id}>
          <a href={`#${s.id}`} data-testid={`toc-${s.id}`}>
            {s.title}
          </a>
          {s.subsections !== undefined && s.subsections.length > 0 && entries(s.subsections)}
        </li>
      ))}
    </ol>
  );
  return (
    <nav className="help-toc" aria-labelledby={CONTENTS_ID} data-testid="help-toc">
      <h2 id={CONTENTS_ID} tabIndex={-1}>
        {manual.contents}
      </h2>
      {entries(manual.sections)}
    </nav>
  );
}

/**
 * A manual as a page: its title (`<h1>`), introduction, a table of contents of in-page links, then each section
 * (`<h2>`, subsections `<h3>`) ending with a link back to the contents. `before` comes first (the staff navigation).
 */
export function ManualView({ manual, before }: { readonly manual: Manual; readonly before?: ReactNode }) {
  // Opened with a section in the address (`/help#guide-sign`): the sections were not there yet when the browser
  // looked for it (the page renders after the configuration loads), so jump to it now.
  useEffect(() => {
    const id = decodeHash(window.location.hash);
    if (id !== null) document.getElementById(id)?.scrollIntoView();
  }, []);
  return (
    <>
      {before}
      <PageTitle>{manual.title}</PageTitle>
      <div className="help-intro">
        {manual.intro.map((block, i) => (
          <BlockView key={i} block={block} id={`help-intro-${i}`} />
        ))}
      </div>
      <Contents manual={manual} />
      {manual.sections.map((section) => (
        <div key={section.id} className="help-chapter">
          <SectionView section={section} level={2} />
          <p className="help-back">
            <a href={`#${CONTENTS_ID}`}>{manual.backToContents}</a>
          </p>
        </div>
      ))}
    </>
  );
}

const decodeHash = (hash: string): string | null => {
  const raw = hash.startsWith("#") ? hash.slice(1) : hash;
  if (raw === "") return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
};
