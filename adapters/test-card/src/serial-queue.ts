/**
 * Runs tasks one after another. A card is a single piece of hardware: two concurrent signs must not
 * both read "1 try left" and both use it, so every read-check-write of the card goes through here.
 */
export const createSerialQueue = () => {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
};
