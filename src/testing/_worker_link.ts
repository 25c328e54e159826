// A FrameLink whose ports are served by a worker: the sockets (or the embedded switch) live
// off the main thread, so a data plane can outlive one test under Deno's sanitizers.
import type { FrameLink, FrameReceiver } from "./frame_link.ts";
import type { FromPortWorker, PortWorkerOpen, ToPortWorker } from "./_port_protocol.ts";

/** Unconfirmed sends a link lets through before a send waits. */
const WINDOW = 64;

/** A FrameLink served by a data-plane worker. @internal */
export class WorkerLink implements FrameLink {
  readonly ports: readonly number[];
  readonly #url: URL;
  readonly #open: PortWorkerOpen;
  readonly #pending = new Map<number, PromiseWithResolvers<void>>();
  /** Sends posted and not yet confirmed, oldest first. */
  readonly #inFlight: Promise<void>[] = [];
  /** The first send the worker failed, reported by the next send or close. */
  #sendError: Error | undefined;
  #worker: Worker | undefined;
  #nextId = 1;
  #closed: Promise<void> | undefined;

  constructor(url: URL, ports: readonly number[], open: PortWorkerOpen) {
    this.ports = [...ports];
    this.#url = url;
    this.#open = open;
  }

  async open(receive: FrameReceiver): Promise<void> {
    if (this.#worker) throw new Error("Cannot open a data-plane link twice");
    const worker = new Worker(this.#url, { type: "module" });
    this.#worker = worker;
    worker.onmessage = (event: MessageEvent<FromPortWorker>) => {
      const msg = event.data;
      if (msg.op === "frames") {
        for (const frame of msg.frames) receive(msg.port, frame);
        return;
      }
      const waiter = this.#pending.get(msg.id);
      this.#pending.delete(msg.id);
      if (msg.op === "done") waiter?.resolve();
      else waiter?.reject(new Error(msg.message));
    };
    try {
      await this.#command({ op: "open", id: 0, open: this.#open });
    } catch (e) {
      await this.close();
      throw e;
    }
  }

  /**
   * Posts a frame to the worker. Sends are pipelined (a burst is not paced by a round trip
   * per frame): this resolves once fewer than WINDOW sends are unconfirmed; a failed send is
   * reported by the next one.
   */
  async send(port: number, frame: Uint8Array): Promise<void> {
    if (!this.ports.includes(port)) {
      throw new RangeError(`Port ${port} is not attached to this link`);
    }
    if (frame.length > 0xffff) throw new RangeError(`Frame of ${frame.length} bytes exceeds 65535`);
    this.#throwSendError();
    const sent = this.#command({ op: "send", id: 0, port, frame }).catch((e) => {
      this.#sendError ??= e;
    });
    this.#inFlight.push(sent);
    sent.then(() => this.#inFlight.splice(this.#inFlight.indexOf(sent), 1));
    if (this.#inFlight.length >= WINDOW) await this.#inFlight[0];
    this.#throwSendError();
  }

  #throwSendError(): void {
    const e = this.#sendError;
    if (e) {
      this.#sendError = undefined;
      throw e;
    }
  }

  close(): Promise<void> {
    this.#closed ??= (async () => {
      const worker = this.#worker;
      if (!worker) return;
      try {
        await this.#command({ op: "close", id: 0 });
      } catch {
        /* the worker failed: terminate it regardless */
      } finally {
        worker.terminate();
        for (const waiter of this.#pending.values()) {
          waiter.reject(new Error("The data-plane link is closed"));
        }
        this.#pending.clear();
      }
    })();
    return this.#closed;
  }

  #command(cmd: ToPortWorker): Promise<void> {
    const worker = this.#worker;
    if (!worker || (this.#closed && cmd.op !== "close")) {
      return Promise.reject(new Error(`Cannot ${cmd.op}: the data-plane link is not open`));
    }
    const id = this.#nextId++;
    const waiter = Promise.withResolvers<void>();
    this.#pending.set(id, waiter);
    worker.postMessage({ ...cmd, id });
    return waiter.promise;
  }
}
