/**
 * The data ports of an Open vSwitch bridge as a {@linkcode FrameLink}.
 *
 * Deno has no raw (AF_PACKET) sockets, so OFTest's one-socket-per-interface design is not
 * available. Each dummy port instead listens on a unix stream socket (`options:pstream`),
 * carrying every frame as a 2-byte big-endian length and the frame, in both directions.
 * That path is reliable and immediate; `netdev-dummy/receive` (a process per frame) and
 * `tx_pcap` (polling a growing file) were the slower alternatives. The sockets are owned by
 * a worker (`workers/port_worker.ts`), so a data plane can outlive a single test.
 *
 * @module
 */
import type { FrameLink, FrameReceiver } from "./frame_link.ts";
import type { OvsBridge } from "./ovs.ts";
import type { FromPortWorker, ToPortWorker } from "./_port_protocol.ts";

/** Longest unix socket path a client can connect to (sun_path is 108 bytes with its NUL). */
const MAX_UNIX_PATH = 107;

/**
 * Frames into and out of a bridge's dummy ports.
 *
 * @example
 * ```ts ignore
 * import { DataPlane, OvsPortLink, OvsSwitch } from "@oftest/oftest/testing";
 *
 * await using ovs = await OvsSwitch.start({ bridges: [{ ports: 2 }] });
 * await using dp = await DataPlane.over(new OvsPortLink(ovs.bridge(), [1, 2]));
 * ```
 */
export class OvsPortLink implements FrameLink {
  /** The OpenFlow port numbers this link reaches. */
  readonly ports: readonly number[];
  readonly #paths: readonly (readonly [number, string])[];
  readonly #pending = new Map<number, PromiseWithResolvers<void>>();
  #worker: Worker | undefined;
  #nextId = 1;
  #closed: Promise<void> | undefined;

  /**
   * Describes the link; nothing is opened until {@linkcode open}.
   *
   * @param bridge A bridge of a running `OvsSwitch`.
   * @param ports Which data ports. Default: all of the bridge's.
   * @throws {RangeError} If a port is not a data port of the bridge, or its socket path is
   * longer than a unix socket address allows (start the switch with a shorter `tmpDir`).
   */
  constructor(bridge: OvsBridge, ports: readonly number[] = bridge.ports) {
    const paths: [number, string][] = [];
    for (const port of ports) {
      if (!bridge.ports.includes(port)) {
        throw new RangeError(
          `Port ${port} is not a data port of ${bridge.name} (${bridge.ports.join(", ")})`,
        );
      }
      const path = bridge.portSocket(port);
      // Open vSwitch binds long paths through /proc/self/fd; a client cannot.
      if (new TextEncoder().encode(path).length > MAX_UNIX_PATH) {
        throw new RangeError(
          `Cannot connect to ${path}: a unix socket path holds at most ${MAX_UNIX_PATH} bytes`,
        );
      }
      paths.push([port, path]);
    }
    this.ports = [...ports];
    this.#paths = paths;
  }

  /**
   * Starts the port worker and connects to every port's socket.
   *
   * @param receive Called with each frame that leaves the switch through one of the ports.
   * @throws {Error} If a socket cannot be connected (e.g. the switch is not running); the
   * message names the cause.
   */
  async open(receive: FrameReceiver): Promise<void> {
    if (this.#worker) throw new Error("Cannot open an OvsPortLink twice");
    const worker = new Worker(new URL("../../workers/port_worker.ts", import.meta.url), {
      type: "module",
    });
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
      await this.#command({ op: "open", id: 0, ports: this.#paths });
    } catch (e) {
      await this.close();
      throw e;
    }
  }

  /**
   * Sends a frame into the switch through a port.
   *
   * @param port One of `ports`.
   * @param frame The Ethernet frame (at most 65535 bytes).
   * @throws {RangeError} If the port is not attached or the frame is too long.
   * @throws {Error} If the link is not open or the socket write fails.
   */
  send(port: number, frame: Uint8Array): Promise<void> {
    if (!this.ports.includes(port)) {
      return Promise.reject(new RangeError(`Port ${port} is not attached to this link`));
    }
    if (frame.length > 0xffff) {
      return Promise.reject(new RangeError(`Frame of ${frame.length} bytes exceeds 65535`));
    }
    return this.#command({ op: "send", id: 0, port, frame });
  }

  /** Closes the sockets and the worker. Idempotent. */
  close(): Promise<void> {
    this.#closed ??= (async () => {
      const worker = this.#worker;
      if (!worker) return;
      try {
        await this.#command({ op: "close", id: 0 });
      } finally {
        worker.terminate();
        for (const waiter of this.#pending.values()) {
          waiter.reject(new Error("The port link is closed"));
        }
        this.#pending.clear();
      }
    })();
    return this.#closed;
  }

  #command(cmd: ToPortWorker): Promise<void> {
    const worker = this.#worker;
    if (!worker || (this.#closed && cmd.op !== "close")) {
      return Promise.reject(new Error(`Cannot ${cmd.op}: the port link is not open`));
    }
    const id = this.#nextId++;
    const waiter = Promise.withResolvers<void>();
    this.#pending.set(id, waiter);
    worker.postMessage({ ...cmd, id });
    return waiter.promise;
  }
}
