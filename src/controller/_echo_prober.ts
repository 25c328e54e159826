// Keep-alive probing: after an interval with nothing from the switch, an ECHO_REQUEST; after
// `misses` of them unanswered in a row, the connection is declared dead. Any message from the
// switch counts as a sign of life. Runs on the shared deadlines, so it holds under a flood.
import type { OfpMessage } from "../ofp/codec.ts";
import { type Deadline, deadlines } from "./_deadlines.ts";
import type { Outgoing } from "./_outgoing.ts";
import { Next } from "./_transactions.ts";

/** What the prober works with: the connection's way out, its version, and its end. */
export interface ProbeHooks {
  /** Where probes are written, and their xids taken and forgotten. */
  readonly out: Outgoing;
  /** The negotiated version. */
  readonly version: number;
  /** `missed` probes in a row went unanswered: the connection is dead. */
  dead(missed: number): void;
}

/** One connection's keep-alive prober. */
export class EchoProber {
  readonly #interval: number;
  readonly #misses: number;
  readonly #hooks: ProbeHooks;
  #tick: Deadline | undefined;
  #heard = false;
  #outstanding = 0;
  #missed = 0;

  constructor(interval: number, misses: number, hooks: ProbeHooks) {
    this.#interval = interval;
    this.#misses = misses;
    this.#hooks = hooks;
  }

  /** Starts probing. */
  start(): void {
    this.#tick = deadlines.add(this.#interval, () => this.#onTick());
  }

  /** Stops probing. */
  stop(): void {
    deadlines.cancel(this.#tick);
    this.#tick = undefined;
  }

  /** Something came from the switch. */
  heard(): void {
    this.#heard = true;
  }

  /** The reply to probe `xid` came. */
  answered(xid: number): void {
    if (this.#outstanding === xid) this.#outstanding = 0;
    this.#missed = 0;
  }

  #onTick(): void {
    this.#tick = undefined;
    if (this.#heard) {
      this.#heard = false;
      this.#missed = 0;
      this.#drop();
    } else {
      if (this.#outstanding !== 0) {
        this.#missed++;
        this.#drop();
        if (this.#missed >= this.#misses) return this.#hooks.dead(this.#missed);
      }
      this.#outstanding = this.#probe();
    }
    this.#tick = deadlines.add(this.#interval, () => this.#onTick());
  }

  /** Sends an ECHO_REQUEST and waits for its reply; returns its xid. */
  #probe(): number {
    const { out, version } = this.#hooks;
    const xid = out.tx.nextXid();
    out.encode({ version, type: "ECHO_REQUEST", xid, data: new Uint8Array(0) } as OfpMessage);
    out.tx.add(xid, {
      deliver: () => {
        this.answered(xid);
        return Next.done;
      },
      fail: () => {},
    });
    return xid;
  }

  /** Forgets the unanswered probe (its reply, if it ever comes, is late). */
  #drop(): void {
    if (this.#outstanding !== 0) this.#hooks.out.tx.abandon(this.#outstanding);
    this.#outstanding = 0;
  }
}
