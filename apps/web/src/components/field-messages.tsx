/** Ids of a field's help and error texts, for `aria-describedby`. */
export const helpId = (id: string): string => `${id}-help`;
/** See {@link helpId}. */
export const errorId = (id: string): string => `${id}-error`;

/** `aria-describedby` for a field: its error first (read first), then its help; `undefined` if neither. */
export function describedBy(id: string, hasHelp: boolean, hasError: boolean): string | undefined {
  const ids = [hasError ? errorId(id) : null, hasHelp ? helpId(id) : null].filter((x) => x !== null);
  return ids.length === 0 ? undefined : ids.join(" ");
}

/** A field's help text and its error messages, with the ids {@link describedBy} points to. */
export function FieldMessages({
  id,
  help,
  errors,
  announce = false,
}: {
  readonly id: string;
  readonly help: string | null;
  readonly errors: readonly string[];
  /** Adds `role="alert"` so the error is read out when it appears. */
  readonly announce?: boolean;
}) {
  return (
    <>
      {help !== null && (
        <p id={helpId(id)} className="field__help">
          {help}
        </p>
      )}
      {errors.length > 0 && (
        <p id={errorId(id)} className="field__error" role={announce ? "alert" : undefined} data-testid={`${id}-error`}>
          {errors.map((message, i) => (
            <span key={i} className="field__error-line">
              {message}
            </span>
          ))}
        </p>
      )}
    </>
  );
}
