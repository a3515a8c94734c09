import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import { freshReportBehindBooks, type Application, type ApplicationBooks, type Authorization } from "@madoguchi/core";
import { loadBooks, type MoneyDeps } from "./application-money.ts";
import { appendWhatBooksMiss, type ReconcileContext, type Reconciled } from "./reconcile-authorization.ts";

/** Why the books were not brought up: unreadable or unwritable (`storage`), or other writers kept winning (`busy`). */
export type BringBooksFailure = "storage" | "busy";

/** Two concurrent writers (another event, a staff action) make the append a conflict: reload and ask again. */
const ATTEMPTS = 4;

/**
 * Loads `a`'s books and appends what they miss of the gateway's `report` of one authorisation
 * ({@link appendWhatBooksMiss}), reloading when a concurrent writer got there first. `null`: the books do not
 * hold the authorisation (it is never adopted: ADR 27). Shared by the webhook receiver and the sweep. `fresh`: the
 * report was read from the gateway just now, alone (the sweep), so a report behind the books is a disagreement
 * ({@link freshReportBehindBooks}) rather than an older snapshot. `books`: the books just read, used for the first
 * attempt instead of reading them again (a conflict reloads them).
 */
export const bringBooksToGateway = (
  deps: MoneyDeps,
  a: Application,
  report: Authorization,
  context: ReconcileContext,
  options: { readonly fresh: boolean; readonly books?: ApplicationBooks } = { fresh: false },
): ResultAsync<Reconciled | null, BringBooksFailure> => {
  const attempt = (left: number, known?: ApplicationBooks): ResultAsync<Reconciled | null, BringBooksFailure> =>
    (known === undefined ? loadBooks(deps, a).mapErr((): BringBooksFailure => "storage") : okAsync<ApplicationBooks, BringBooksFailure>(known))
      .andThen((books) => {
        if (!books.state.authorizations.some((x) => x.authorizationId === report.id)) return okAsync<Reconciled | null, BringBooksFailure>(null);
        const behind = options.fresh ? freshReportBehindBooks(books.state, report) : null;
        if (behind !== null) return okAsync<Reconciled | null, BringBooksFailure>({ kind: "disagreement", disagreement: behind });
        return appendWhatBooksMiss(deps, a, books, report, context).orElse((e) =>
          e.reason !== "conflict" ? errAsync<Reconciled, BringBooksFailure>("storage") : left > 1 ? attempt(left - 1) : errAsync<Reconciled, BringBooksFailure>("busy"),
        );
      });
  return attempt(ATTEMPTS, options.books);
};
