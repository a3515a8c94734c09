import { useI18n } from "../i18n/i18n-context.tsx";

/** The steps of an application; 署名 only appears for procedures that require a signature. */
export type StepId = "input" | "confirm" | "sign" | "pay" | "done";

/** Where the resident is in the application: done steps, the current one (`aria-current="step"`), the rest. */
export function Stepper({ steps, current }: { readonly steps: readonly StepId[]; readonly current: StepId }) {
  const { t } = useI18n();
  const currentIndex = steps.indexOf(current);
  return (
    <nav aria-label={t.steps.label} className="stepper">
      <ol className="stepper__list">
        {steps.map((step, index) => {
          const state = index < currentIndex ? "done" : index === currentIndex ? "current" : "todo";
          return (
            <li
              key={step}
              className={`stepper__item stepper__item--${state}`}
              aria-current={state === "current" ? "step" : undefined}
            >
              <span className="stepper__number" aria-hidden="true">
                {state === "done" ? "✓" : index + 1}
              </span>
              <span className="stepper__label">
                {t.steps[step]}
                <span className="visually-hidden">
                  {state === "current" ? t.steps.current : state === "done" ? t.steps.completed : ""}
                </span>
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
