import { describedBy, FieldMessages } from "../../../components/field-messages.tsx";
import { TextField } from "../../../components/text-field.tsx";
import { listInputIds, listTestIds, type ListKey, type ListRowDraft, type RowPart } from "./procedure-lists.ts";
import type { ProcedureListsMessages } from "./procedure-lists-messages.ts";

type Errors = (id: string) => readonly string[];
type RowChange = Partial<Pick<ListRowDraft, "id" | "nameJa" | "nameEn" | "postage">>;

/**
 * One of the three lists (配送方法, 分類, ライフイベント) in its fieldset: a fieldset per row — its id (typed only
 * while the row is new), its names and, for a delivery method, its postage — with add and remove. Errors about
 * the list as a whole (none left) are shown under its add button, which the error summary links to.
 */
export function ListSection({
  listKey,
  rows,
  onAdd,
  onRemove,
  onChange,
  errors,
  m,
}: {
  readonly listKey: ListKey;
  readonly rows: readonly ListRowDraft[];
  readonly onAdd: () => void;
  readonly onRemove: (uid: string) => void;
  readonly onChange: (uid: string, patch: RowChange) => void;
  readonly errors: Errors;
  readonly m: ProcedureListsMessages;
}) {
  const words = m.lists[listKey];
  const addId = listInputIds.add(listKey);
  const listErrors = errors(addId);
  return (
    <fieldset className="form-section" data-testid={`lists-${listKey}`}>
      <legend className="form-section__legend">{words.legend}</legend>
      <p>{words.intro}</p>
      {rows.length === 0 && <p>{words.none}</p>}
      {rows.map((row, i) => (
        <ListRow key={row.uid} listKey={listKey} row={row} name={m.rowName(words.row, i + 1, row.id.trim())} onRemove={() => onRemove(row.uid)} onChange={(patch) => onChange(row.uid, patch)} errors={errors} m={m} />
      ))}
      <div className={listErrors.length > 0 ? "field field--error" : "field"}>
        <FieldMessages id={addId} help={null} errors={listErrors} />
        <button type="button" id={addId} className="button button--secondary" onClick={onAdd} aria-describedby={describedBy(addId, false, listErrors.length > 0)} data-testid={listTestIds.add(listKey)}>
          {words.add}
        </button>
      </div>
    </fieldset>
  );
}

function ListRow({
  listKey,
  row,
  name,
  onRemove,
  onChange,
  errors,
  m,
}: {
  readonly listKey: ListKey;
  readonly row: ListRowDraft;
  readonly name: string;
  readonly onRemove: () => void;
  readonly onChange: (patch: RowChange) => void;
  readonly errors: Errors;
  readonly m: ProcedureListsMessages;
}) {
  const id = (part: RowPart) => listInputIds.input(listKey, row.uid, part);
  return (
    <fieldset className="form-section" data-testid={listTestIds.row(listKey)} data-id={row.id.trim()}>
      <legend className="form-section__legend">{name}</legend>
      <TextField
        id={id("id")}
        label={m.fields.id}
        value={row.id}
        onChange={(v) => onChange({ id: v })}
        required
        help={row.saved ? m.help.idFixed : m.help.id}
        errors={errors(id("id"))}
        disabled={row.saved}
        size="medium"
        spellCheck={false}
        autoComplete="off"
        testId={listTestIds.input(listKey, "id")}
      />
      <TextField id={id("name-ja")} label={m.fields.nameJa} value={row.nameJa} onChange={(v) => onChange({ nameJa: v })} required errors={errors(id("name-ja"))} testId={listTestIds.input(listKey, "name-ja")} />
      <TextField id={id("name-en")} label={m.fields.nameEn} value={row.nameEn} onChange={(v) => onChange({ nameEn: v })} required errors={errors(id("name-en"))} testId={listTestIds.input(listKey, "name-en")} />
      {listKey === "deliveryMethods" && (
        <TextField
          id={id("postage")}
          label={m.fields.postage}
          value={row.postage}
          onChange={(v) => onChange({ postage: v })}
          required
          help={m.help.postage}
          errors={errors(id("postage"))}
          inputMode="numeric"
          size="short"
          autoComplete="off"
          testId={listTestIds.input(listKey, "postage")}
        />
      )}
      <div className="actions">
        <button type="button" id={listInputIds.remove(listKey, row.uid)} className="button button--warning button--small" onClick={onRemove} aria-label={m.removeLabel(name)} data-testid={listTestIds.remove(listKey)}>
          {m.remove}
        </button>
      </div>
    </fieldset>
  );
}
