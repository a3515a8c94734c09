import { Alert } from "../../../components/alert.tsx";

/** Why the last save of a back-office editor did not land: someone saved meanwhile, or the server's words. */
export type SaveFailure = { readonly kind: "conflict" } | { readonly kind: "error"; readonly text: string };

/** Props of {@link SaveActions}. */
export interface SaveActionsProps {
  readonly failure: SaveFailure | null;
  readonly onReload: () => void;
  readonly saving: boolean;
  readonly unsaved: boolean;
  /** The save button's id and test id. */
  readonly saveId: string;
  /** Prefix of the test ids: `<prefix>-error`, `-conflict`, `-reload`, `-unsaved`. */
  readonly testPrefix: string;
  readonly m: { readonly conflict: string; readonly reload: string; readonly save: string; readonly saving: string; readonly unsaved: string };
}

/**
 * The end of the procedure editors' forms (a procedure, the delivery methods and tags): what went wrong with the last
 * save (a conflict offers to reload), the save button, and the unsaved-changes marker.
 */
export function SaveActions({ failure, onReload, saving, unsaved, saveId, testPrefix, m }: SaveActionsProps) {
  return (
    <>
      {failure?.kind === "error" && (
        <Alert kind="error" testId={`${testPrefix}-error`}>
          <p>{failure.text}</p>
        </Alert>
      )}
      {failure?.kind === "conflict" && (
        <Alert kind="error" testId={`${testPrefix}-conflict`}>
          <p>{m.conflict}</p>
          <button type="button" className="button button--secondary" onClick={onReload} data-testid={`${testPrefix}-reload`}>
            {m.reload}
          </button>
        </Alert>
      )}
      <div className="actions">
        <button type="submit" id={saveId} className="button" aria-disabled={saving || undefined} data-testid={saveId}>
          {saving ? m.saving : m.save}
        </button>
        {/* Always rendered, so that a screen reader announces the marker when it appears. */}
        <span role="status">
          {unsaved && (
            <span className="status-badge" data-testid={`${testPrefix}-unsaved`}>
              {m.unsaved}
            </span>
          )}
        </span>
      </div>
    </>
  );
}
