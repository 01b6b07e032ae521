/**
 * Runs async tasks one at a time, in call order; a failed task does not stop the ones after it.
 * Used where two overlapping runs would race on the vault file or its key.
 */
export function createSerialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}

export type SerialQueue = ReturnType<typeof createSerialQueue>;
