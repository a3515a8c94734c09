import { SelectField } from "../../../components/select-field.tsx";
import { TextField } from "../../../components/text-field.tsx";
import { move, newOption, newQuestion, QUESTION_KINDS, removeAt, replaceAt, withKind, type OptionDraft, type QuestionDraft } from "./procedure-draft.ts";
import { inputIds } from "./procedure-fields.ts";
import { CheckboxField } from "./procedure-inputs.tsx";
import { QuestionSettings } from "./procedure-question-settings.tsx";
import type { ProcedureMessages } from "./procedures-messages.ts";

type Errors = (id: string) => readonly string[];

/**
 * 追加の質問: the procedure's extra questions, each in its own fieldset — added, removed and moved up and down; a
 * select's options likewise (with each kind's settings, in procedure-question-settings.tsx). Focus follows what
 * moved (or goes to the next sensible control), so a keyboard user keeps their place.
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
        onChange={(v) => {
          const kind = QUESTION_KINDS.find((k) => k === v);
          if (kind !== undefined) onChange(withKind(q, kind, makeOption));
        }}
        options={QUESTION_KINDS.map((k) => ({ value: k, label: m.kinds[k] }))}
        placeholder={null}
        errors={errors(id("kind"))}
        testId="question-kind"
      />
      <CheckboxField id={id("required")} label={m.q.required} checked={q.required} onChange={(required) => set({ required })} errors={errors(id("required"))} testId="question-required" />
      {text("help-ja", "helpJa", m.q.helpJa, false)}
      {text("help-en", "helpEn", m.q.helpEn, false)}
      <QuestionSettings question={q} set={set} errors={errors} m={m} name={name} newOption={makeOption} focusLater={focusLater} />
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
