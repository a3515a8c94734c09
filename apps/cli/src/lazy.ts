import { ResultAsync } from "neverthrow";

/**
 * Loads a command's implementation when it runs, so that `catalog check` or `--help` does not pay
 * for loading MikroORM or the X.509 stack. A failing import is a broken installation, not a user
 * error: it rejects and reaches the executable's last-resort handler.
 */
export const lazy = <M>(load: () => Promise<M>): ResultAsync<M, never> => ResultAsync.fromSafePromise(load());
