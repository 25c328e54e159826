// Active mode: dials a switch that listens, retrying with exponential backoff, and dials again
// after an established connection closes (per its retry options).
import type { Address, RetryOptions, TransportTls } from "../src/controller/transport.ts";
import { checkTlsMaterial, dialTls } from "./_tls.ts";

/** What a dialer reports. */
export interface DialerHooks {
  /** A connection is established; the returned promise settles when it closes. */
  opened(conn: Deno.Conn): Promise<void>;
  /** An attempt failed; `final` when the dialer gives up. */
  failed(error: unknown, final: boolean): void;
  /** The dialer stopped (gave up, was stopped, or will not reconnect). */
  done(): void;
}

/** One switch to dial, until stopped. */
export class Dialer {
  #abort = new AbortController();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #wake: (() => void) | undefined;

  constructor(
    readonly target: Address,
    readonly retry: Required<RetryOptions>,
    readonly tls: TransportTls | undefined,
    readonly hooks: DialerHooks,
  ) {
    this.#run();
  }

  /** Stops dialing (an established connection stays). */
  stop(): void {
    this.#abort.abort();
    clearTimeout(this.#timer);
    this.#wake?.();
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.#wake = resolve;
      this.#timer = setTimeout(resolve, ms);
    });
  }

  async #run(): Promise<void> {
    const signal = this.#abort.signal;
    let delay = this.retry.initialDelay;
    let attempt = 0;
    try {
      // Bad PEM material fails the dial at once, with a message naming the field.
      if (this.tls) await checkTlsMaterial(this.tls);
    } catch (e) {
      this.hooks.failed(e, true);
      return this.hooks.done();
    }
    while (!signal.aborted) {
      attempt++;
      try {
        const conn = await this.#dial(signal);
        if (signal.aborted) {
          conn.close();
          break;
        }
        await this.hooks.opened(conn);
        if (!this.retry.reconnect) break;
        attempt = 0;
        delay = this.retry.initialDelay;
        continue;
      } catch (e) {
        if (signal.aborted) break;
        const final = attempt >= this.retry.attempts;
        this.hooks.failed(e, final);
        if (final) break;
      }
      await this.#sleep(delay);
      delay = Math.min(delay * this.retry.factor, this.retry.maxDelay);
    }
    this.hooks.done();
  }

  async #dial(signal: AbortSignal): Promise<Deno.Conn> {
    const { hostname, port } = this.target;
    if (!this.tls) {
      const conn = await Deno.connect({ hostname, port, signal });
      conn.setNoDelay(true);
      return conn;
    }
    return await dialTls(this.target, this.tls);
  }
}
