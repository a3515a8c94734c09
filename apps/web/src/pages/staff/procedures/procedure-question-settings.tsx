import { assertNever } from "@madoguchi/core";
import { RadioGroup } from "../../../components/radio-group.tsx";
import { TextField } from "../../../components/text-field.tsx";
import { DATE_RANGES, move, removeAt, replaceAt, type OptionDraft, type QuestionDraft } from "./procedure-draft.ts";
import { inputIds } from "./procedure-fields.ts";
import type { ProcedureMessages } from "./procedures-messages.ts";

/** What every kind's settings need from the question's editor. */
interface SettingsProps {
  readonly question: QuestionDraft;
  readonly set: (patch: Partial<QuestionDraft>) => void;
  readonly errors: (id: string) => readonly string[];
  readonly m: ProcedureMessages;
}

/**
 * The settings of a question's kind, under its kind: a text's longest answer, a select's options, a date's range, a
 * number's bounds. Only the chosen kind's are shown (and sent); the others stay in the draft for a switch back.
 */
export function QuestionSettings(
  props: SettingsProps & {
    /** The question's name as the page says it (質問2), for the options' buttons. */
    readonly name: string;
    readonly newOption: () => OptionDraft;
    readonly focusLater: (id: string) => void;
  },
) {
  switch (props.question.kind) {
    case "text":
      return <TextSettings {...props} />;
    case "select":
      return <OptionsEditor {...props} />;
    case "date":
      return <DateSettings {...props} />;
    case "number":
      return <NumberSettings {...props} />;
    default:
      return assertNever(props.question.kind);
  }
}

function TextSettings({ question: q, set, errors, m }: SettingsProps) {
  const id = inputIds.question(q.uid, "max-length");
  return (
    <TextField id={id} label={m.q.maxLength} value={q.maxLength} onChange={(v) => set({ maxLength: v })} required help={m.maxLengthHelp} errors={errors(id)} inputMode="numeric" size="short" testId="question-max-length" />
  );
}

/** Radios, not a select: three choices read best all at once, each with an example. */
function DateSettings({ question: q, set, errors, m }: SettingsProps) {
  const name = inputIds.question(q.uid, "range");
  return (
    <RadioGroup
      name={name}
      legend={m.q.range}
      value={q.range}
      onChange={(v) => set({ range: DATE_RANGES.find((r) => r === v) ?? "any" })}
      options={DATE_RANGES.map((r) => ({ value: r, label: m.dateRanges[r], hint: m.dateRangeHints[r] }))}
      required
      help={m.rangeHelp}
      errors={errors(name)}
    />
  );
}

/**
 * The lowest and the highest whole number a resident may give. No `inputMode="numeric"`: phones' numeric keypads
 * lack the minus sign a negative bound needs.
 */
function NumberSettings({ question: q, set, errors, m }: SettingsProps) {
  const [minId, maxId] = [inputIds.question(q.uid, "min"), inputIds.question(q.uid, "max")];
  return (
    <>
      <TextField id={minId} label={m.q.min} value={q.min} onChange={(min) => set({ min })} required help={m.minHelp} errors={errors(minId)} size="short" autoComplete="off" testId="question-min" />
      <TextField id={maxId} label={m.q.max} value={q.max} onChange={(max) => set({ max })} required help={m.maxHelp} errors={errors(maxId)} size="short" autoComplete="off" testId="question-max" />
    </>
  );
}

/** A select's options: added, removed and moved up and down, focus following what moved. */
function OptionsEditor({
  question: q,
  set,
  errors,
  m,
  name,
  newOption: makeOption,
  focusLater,
}: SettingsProps & { readonly name: string; readonly newOption: () => OptionDraft; readonly focusLater: (id: string) => void }) {
  const addId = inputIds.question(q.uid, "add-option");
  const setOptions = (options: readonly OptionDraft[]) => set({ options });
  const addOption = () => {
    const o = makeOption();
    setOptions([...q.options, o]);
    focusLater(inputIds.option(q.uid, o.uid, "value"));
  };
  const moveOption = (j: number, by: -1 | 1) => {
    const o = q.options[j];
    if (o === undefined) return;
    setOptions(move(q.options, j, by));
    const to = j + by;
    focusLater(`${inputIds.option(q.uid, o.uid, "value")}-${to === 0 ? "down" : to === q.options.length - 1 ? "up" : by < 0 ? "up" : "down"}`);
  };
  const removeOption = (j: number) => {
    setOptions(removeAt(q.options, j));
    focusLater(addId);
  };

  return (
    <fieldset className="field" data-testid="question-options">
      <legend className="field__label">{m.q.options}</legend>
      {q.options.map((o, j) => {
        const oid = (part: "value" | "label-ja" | "label-en") => inputIds.option(q.uid, o.uid, part);
        const optionName = m.within(name, m.option(j + 1));
        const setOption = (patch: Partial<OptionDraft>) => setOptions(replaceAt(q.options, j, { ...o, ...patch }));
        return (
          <div key={o.uid} className="card" data-testid="question-option">
            <p className="field__label">{m.option(j + 1)}</p>
            <TextField id={oid("value")} label={m.q.value} value={o.value} onChange={(value) => setOption({ value })} required help={m.valueHelp} errors={errors(oid("value"))} size="medium" spellCheck={false} testId="option-value" />
            <TextField id={oid("label-ja")} label={m.q.optionLabelJa} value={o.labelJa} onChange={(labelJa) => setOption({ labelJa })} required errors={errors(oid("label-ja"))} testId="option-label-ja" />
            <TextField id={oid("label-en")} label={m.q.optionLabelEn} value={o.labelEn} onChange={(labelEn) => setOption({ labelEn })} required errors={errors(oid("label-en"))} testId="option-label-en" />
            <div className="actions">
              <button type="button" id={`${oid("value")}-up`} className="button button--ghost button--small" disabled={j === 0} onClick={() => moveOption(j, -1)} aria-label={m.moveLabel(optionName, m.up)}>
                {m.up}
              </button>
              <button type="button" id={`${oid("value")}-down`} className="button button--ghost button--small" disabled={j === q.options.length - 1} onClick={() => moveOption(j, 1)} aria-label={m.moveLabel(optionName, m.down)}>
                {m.down}
              </button>
              <button type="button" className="button button--ghost button--small" onClick={() => removeOption(j)} aria-label={m.removeLabel(optionName)} data-testid="option-remove">
                {m.removeOption}
              </button>
            </div>
          </div>
        );
      })}
      {errors(addId).length > 0 && (
        <p className="field__error" id={`${addId}-error`}>
          {errors(addId).join(" ")}
        </p>
      )}
      <div className="actions">
        <button type="button" id={addId} className="button button--secondary button--small" onClick={addOption} aria-describedby={errors(addId).length > 0 ? `${addId}-error` : undefined} data-testid="question-add-option">
          {m.addOption}
        </button>
      </div>
    </fieldset>
  );
}
