import { SelectField } from "../../../components/select-field.tsx";
import { TextField } from "../../../components/text-field.tsx";
import { move, newOption, newQuestion, removeAt, replaceAt, type OptionDraft, type QuestionDraft } from "./procedure-draft.ts";
import { inputIds } from "./procedure-fields.ts";
import { CheckboxField } from "./procedure-inputs.tsx";
import type { ProcedureMessages } from "./procedures-messages.ts";

type Errors = (id: string) => readonly string[];

/**
 * 追加の質問: the procedure's extra questions, each in its own fieldset — added, removed and moved up and down; a
 * select's options likewise. Focus follows what moved (or goes to the next sensible control), so a keyboard user
 * keeps their place.
 */
export function QuestionsEditor({
  questions,
  onChange,
  errors,
  focusLater,
  m,
}: {
  readonly questions: readonly QuestionDraft[];
  readonly onChange: (questions: readonly QuestionDraft[]) => void;
  readonly errors: Errors;
  /** Focuses the element with this id once the change has rendered. */
  readonly focusLater: (id: string) => void;
  readonly m: ProcedureMessages;
}) {
  const add = () => {
    const q = newQuestion({ questions });
    onChange([...questions, q]);
    focusLater(inputIds.question(q.uid, "key"));
  };
  const moveQuestion = (index: number, by: -1 | 1) => {
    const q = questions[index];
    if (q === undefined) return;
    onChange(move(questions, index, by));
    const to = index + by;
    // At either end its own button is disabled: the other one keeps the focus in the question.
    focusLater(inputIds.question(q.uid, to === 0 ? "down" : to === questions.length - 1 ? "up" : by < 0 ? "up" : "down"));
  };
  const remove = (index: number) => {
    onChange(removeAt(questions, index));
    focusLater(inputIds.addQuestion);
  };

  return (
    <>
      <p>{m.questionsIntro}</p>
      {questions.length === 0 && <p data-testid="questions-none">{m.noQuestions}</p>}
      {questions.map((q, i) => (
        <QuestionEditor
          key={q.uid}
          question={q}
          index={i}
          count={questions.length}
          onChange={(next) => onChange(replaceAt(questions, i, next))}
          onMove={(by) => moveQuestion(i, by)}
          onRemove={() => remove(i)}
          newOption={() => newOption({ questions })}
          errors={errors}
          focusLater={focusLater}
          m={m}
        />
      ))}
      <div className="actions">
        <button type="button" id={inputIds.addQuestion} className="button button--secondary" onClick={add} data-testid="procedure-add-question">
          {m.addQuestion}
        </button>
      </div>
    </>
  );
}

function QuestionEditor({
  question: q,
  index,
  count,
  onChange,
  onMove,
  onRemove,
  newOption: makeOption,
  errors,
  focusLater,
  m,
}: {
  readonly question: QuestionDraft;
  readonly index: number;
  readonly count: number;
  readonly onChange: (q: QuestionDraft) => void;
  readonly onMove: (by: -1 | 1) => void;
  readonly onRemove: () => void;
  readonly newOption: () => OptionDraft;
  readonly errors: Errors;
  readonly focusLater: (id: string) => void;
  readonly m: ProcedureMessages;
}) {
  const id = (part: Parameters<typeof inputIds.question>[1]) => inputIds.question(q.uid, part);
  const name = m.question(index + 1);
  const set = (patch: Partial<QuestionDraft>) => onChange({ ...q, ...patch });
  const text = (part: "label-ja" | "label-en" | "help-ja" | "help-en", field: "labelJa" | "labelEn" | "helpJa" | "helpEn", label: string, required: boolean) => (
    <TextField id={id(part)} label={label} value={q[field]} onChange={(v) => set({ [field]: v })} required={required} errors={errors(id(part))} testId={`question-${part}`} />
  );

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
    focusLater(id("add-option"));
  };

  return (
    <fieldset className="form-section" id={id("fieldset")} data-testid="question" data-question-uid={q.uid}>
      <legend className="form-section__legend">{m.questionTitle(index + 1, q.labelJa.trim())}</legend>
      <TextField
        id={id("key")}
        label={m.q.key}
        value={q.key}
        onChange={(v) => set({ key: v })}
        required
        help={q.saved ? m.keyFixed : m.keyHelp}
        errors={errors(id("key"))}
        disabled={q.saved}
        size="medium"
        spellCheck={false}
        autoComplete="off"
        testId="question-key"
      />
      {text("label-ja", "labelJa", m.q.labelJa, true)}
      {text("label-en", "labelEn", m.q.labelEn, true)}
      <SelectField
        id={id("kind")}
        label={m.q.kind}
        value={q.kind}
        onChange={(v) => set({ kind: v === "text" ? "text" : "select" })}
        options={[
          { value: "select", label: m.kinds.select },
          { value: "text", label: m.kinds.text },
        ]}
        placeholder={null}
        errors={errors(id("kind"))}
        testId="question-kind"
      />
      <CheckboxField id={id("required")} label={m.q.required} checked={q.required} onChange={(required) => set({ required })} errors={errors(id("required"))} testId="question-required" />
      {text("help-ja", "helpJa", m.q.helpJa, false)}
      {text("help-en", "helpEn", m.q.helpEn, false)}
      {q.kind === "text" ? (
        <TextField
          id={id("max-length")}
          label={m.q.maxLength}
          value={q.maxLength}
          onChange={(v) => set({ maxLength: v })}
          required
          help={m.maxLengthHelp}
          errors={errors(id("max-length"))}
          inputMode="numeric"
          size="short"
          testId="question-max-length"
        />
      ) : (
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
          {errors(id("add-option")).length > 0 && (
            <p className="field__error" id={`${id("add-option")}-error`}>
              {errors(id("add-option")).join(" ")}
            </p>
          )}
          <div className="actions">
            <button type="button" id={id("add-option")} className="button button--secondary button--small" onClick={addOption} aria-describedby={errors(id("add-option")).length > 0 ? `${id("add-option")}-error` : undefined} data-testid="question-add-option">
              {m.addOption}
            </button>
          </div>
        </fieldset>
      )}
      <div className="actions">
        <button type="button" id={id("up")} className="button button--ghost button--small" disabled={index === 0} onClick={() => onMove(-1)} aria-label={m.moveLabel(name, m.up)} data-testid="question-up">
          {m.up}
        </button>
        <button type="button" id={id("down")} className="button button--ghost button--small" disabled={index === count - 1} onClick={() => onMove(1)} aria-label={m.moveLabel(name, m.down)} data-testid="question-down">
          {m.down}
        </button>
        <button type="button" id={id("remove")} className="button button--warning button--small" onClick={onRemove} data-testid="question-remove">
          {m.removeQuestion}
        </button>
      </div>
      {q.saved && <p className="field__help">{m.removeSavedNote}</p>}
    </fieldset>
  );
}
