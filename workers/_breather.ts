// The worker's breather: while a socket floods, it pauses every read loop now and then until
// the main thread has dispatched all it was sent, so that both threads' event loops turn.

/** What the breather waits on: a connection's bytes not yet dispatched by the main thread. */
export interface Backlog {
  /** A promise that settles when more is dispatched (or after `ms`); undefined when none is left. */
  backlogWait(ms: number): Promise<unknown> | undefined;
}

/**
 * While a socket floods (every read fills the buffer), the main thread always has a message
 * of ours waiting, and Deno then runs neither its timers nor its other I/O (a test's own
 * sockets, subprocesses) until the flood ends. So after this many ms of full reads, every
 * read loop pauses until the main thread has dispatched all it was sent, then a little more:
 * the main thread has a turn of its event loop, and so has this worker (other sockets).
 */
const BREATHE_EVERY_MS = 20;
/** After the main thread caught up, how long this worker holds back its next post. */
const NAP_MS = 0.3;
/** The longest a breather waits for the main thread to catch up. */
const BREATHE_MAX_WAIT_MS = 50;

const napCell = new Int32Array(new SharedArrayBuffer(4));
/** Pauses `ms` without a timer: the main thread gets a turn of its event loop meanwhile. */
async function nap(ms: number): Promise<void> {
  const w = Atomics.waitAsync(napCell, 0, 0, ms);
  if (w.async) await w.value;
}

/**
 * Makes the pause function of a worker whose connections are `connections()`. A connection
 * whose reads have all filled the buffer since `floodingSince` (undefined: the last one did
 * not) gets a pause BREATHE_EVERY_MS after its flood began and after the last pause; every
 * read loop that asks meanwhile waits for the same pause.
 *
 * @returns `breathe(floodingSince)`: the pause to await before the next read, if one is due.
 */
export function breather(
  connections: () => Iterable<Backlog>,
): (floodingSince: number | undefined) => Promise<void> | undefined {
  let lastBreath = 0;
  let breathing: Promise<void> | undefined;
  const pause = async (): Promise<void> => {
    const until = performance.now() + BREATHE_MAX_WAIT_MS;
    for (const c of connections()) {
      for (;;) {
        const wait = c.backlogWait(until - performance.now());
        if (wait === undefined) break;
        await wait;
      }
    }
    await nap(NAP_MS);
    lastBreath = performance.now();
    breathing = undefined;
  };
  return (floodingSince) => {
    if (breathing || floodingSince === undefined) return breathing;
    const now = performance.now();
    if (now - floodingSince < BREATHE_EVERY_MS || now - lastBreath < BREATHE_EVERY_MS) {
      return undefined;
    }
    return (breathing = pause());
  };
}
