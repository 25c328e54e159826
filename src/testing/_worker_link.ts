// A FrameLink whose ports are served by a worker: the sockets (or the embedded switch) live
// off the main thread, so a data plane can outlive one test under Deno's sanitizers.
import type { FrameLink, FrameReceiver } from "./frame_link.ts";
import type { FromPortWorker, PortWorkerOpen, ToPortWorker } from "./_port_protocol.ts";

/** A FrameLink served by a data-plane worker. @internal */
export class WorkerLink implements FrameLink {
  readonly ports: readonly number[];
  readonly #url: URL;
  readonly #open: PortWorkerOpen;
  readonly #pending = new Map<number, PromiseWithResolvers<void>>();
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

  send(port: number, frame: Uint8Array): Promise<void> {
    if (!this.ports.includes(port)) {
      return Promise.reject(new RangeError(`Port ${port} is not attached to this link`));
    }
    if (frame.length > 0xffff) {
      return Promise.reject(new RangeError(`Frame of ${frame.length} bytes exceeds 65535`));
    }
    return this.#command({ op: "send", id: 0, port, frame });
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
