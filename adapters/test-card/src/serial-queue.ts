import { resolve } from "node:path";

/** Runs the tasks given to it one after another, in the order given. */
export type SerialQueue = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * Runs tasks one after another. A card is a single piece of hardware: two concurrent signs must not
 * both read "1 try left" and both use it, so every read-check-write of the card goes through here.
 */
export const createSerialQueue = (): SerialQueue => {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
};

const byCardFile = new Map<string, SerialQueue>();

/**
 * The one queue of the card stored in `dir` in this process: everything that reads, checks and writes
 * that `card.json` (the HTTP sign route, the card signer, …) takes its turn here, so two of them can
 * never both spend the same try. Keyed by the resolved directory; the queues live as long as the
 * process (one per card directory opened, a handful at most). Another process (the CLI) is not covered.
 */
export const serialQueueForCardDir = (dir: string): SerialQueue => {
  const key = resolve(dir);
  let queue = byCardFile.get(key);
  if (queue === undefined) {
    queue = createSerialQueue();
    byCardFile.set(key, queue);
  }
  return queue;
};
