/**
 * An in-process async mutex: a promise chain. better-sqlite3 has one
 * connection per store, and a transaction callback may await between its
 * statements, so without this two requests could interleave inside one
 * BEGIN … COMMIT.
 */
export class AsyncMutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn);
    // The next caller waits for this one to settle, whether it failed or not.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
