/**
 * Runs the calls that derive a key from a passphrase (scrypt, ~128 MiB and most of a second each) one at a time.
 * Handed straight to Node, parallel derivations would wait in libuv's thread pool, where nothing can take them back:
 * the process could not exit before every one of them had run (tens of seconds for a burst of requests), and each
 * running one holds its memory. Waiting here instead, a call can be dropped before it starts: when its asker has
 * gone, or when the host stops.
 */

export type Queued<T> = { ran: true; value: T } | { ran: false; reason: 'stopping' | 'gone' };

interface Waiting {
  start(): void;
  drop(reason: 'stopping' | 'gone'): void;
}

export class KeyDerivationQueue {
  readonly #waiting: Waiting[] = [];
  #running = false;
  #closed = false;

  /** Runs `task` when no other is running; drops it if `signal` aborts first or the queue closes. */
  run<T>(task: () => Promise<T>, signal: AbortSignal): Promise<Queued<T>> {
    if (this.#closed) return Promise.resolve({ ran: false, reason: 'stopping' });
    if (signal.aborted) return Promise.resolve({ ran: false, reason: 'gone' });
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        const at = this.#waiting.indexOf(entry);
        if (at >= 0) this.#waiting.splice(at, 1);
        entry.drop('gone');
      };
      const entry: Waiting = {
        start: () => {
          signal.removeEventListener('abort', onAbort);
          this.#running = true;
          task()
            .then((value) => resolve({ ran: true, value }), reject)
            .finally(() => {
              this.#running = false;
              this.#next();
            });
        },
        drop: (reason) => {
          signal.removeEventListener('abort', onAbort);
          resolve({ ran: false, reason });
        },
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(entry);
      if (!this.#running) this.#next();
    });
  }

  /** Drops every call that has not started; later ones are refused. The running one, if any, finishes. */
  close(): void {
    this.#closed = true;
    for (const entry of this.#waiting.splice(0)) entry.drop('stopping');
  }

  #next(): void {
    this.#waiting.shift()?.start();
  }
}
