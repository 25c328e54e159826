// The in-memory data ports of the reference switch, behind the data plane's FrameLink seam.
import type { FrameLink, FrameReceiver } from "../testing/frame_link.ts";
import type { Datapath } from "./_datapath.ts";

/** A FrameLink onto some of the switch's ports: frames sent in run through the pipeline at once. */
export class SwitchFrameLink implements FrameLink {
  readonly ports: readonly number[];
  readonly #dp: Datapath;
  #receive: FrameReceiver | undefined;
  #closed = false;

  constructor(dp: Datapath, ports: readonly number[]) {
    this.#dp = dp;
    this.ports = ports;
  }

  open(receive: FrameReceiver): Promise<void> {
    if (this.#receive) {
      return Promise.reject(new TypeError("Expected open() once per link, got a second call"));
    }
    if (this.#closed) return Promise.reject(new TypeError("Cannot open a closed link"));
    for (const p of this.ports) {
      if (this.#dp.sinks.has(p)) {
        return Promise.reject(new RangeError(`Port ${p} is already attached to another link`));
      }
    }
    this.#receive = receive;
    for (const p of this.ports) this.#dp.sinks.set(p, receive);
    return Promise.resolve();
  }

  send(port: number, frame: Uint8Array): Promise<void> {
    if (this.#closed) return Promise.reject(new TypeError("Cannot send on a closed link"));
    if (!this.ports.includes(port)) {
      return Promise.reject(
        new RangeError(`Port ${port} is not a port of this link (${this.ports.join(", ")})`),
      );
    }
    if (!(frame instanceof Uint8Array)) {
      return Promise.reject(
        new TypeError(`Expected the frame as a Uint8Array, got ${typeof frame}`),
      );
    }
    // Not copied: the pipeline keeps no reference to it (every output, buffer and packet-in copies).
    this.#dp.receive(port, frame);
    return Promise.resolve();
  }

  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    for (const p of this.ports) {
      if (this.#dp.sinks.get(p) === this.#receive) this.#dp.sinks.delete(p);
    }
    return Promise.resolve();
  }
}
