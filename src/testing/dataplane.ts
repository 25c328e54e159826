/**
 * The data plane of an {@linkcode OvsSwitch}: frames into and out of its dummy ports.
 *
 * Deno has no raw (AF_PACKET) sockets, so OFTest's one-socket-per-interface design is not
 * available. Each dummy port instead listens on a unix stream socket (`options:pstream`),
 * carrying every frame as a 2-byte big-endian length and the frame, in both directions.
 * That path is reliable and immediate; `netdev-dummy/receive` (a process per frame) and
 * `tx_pcap` (polling a growing file) were the slower alternatives.
 *
 * @module
 */
import type { OvsBridge } from "./ovs.ts";

/** A frame that left the switch through a port. */
export interface DataPlaneFrame {
  /** The OpenFlow port number it left through. */
  port: number;
  /** The Ethernet frame. */
  frame: Uint8Array;
}

/** Options for {@linkcode DataPlane.poll}. */
export interface DataPlanePollOptions {
  /** How long to wait, in milliseconds. Default 1000. */
  timeout?: number;
  /** Only frames equal to this one (or accepted by this predicate) match. */
  match?: Uint8Array | ((frame: Uint8Array) => boolean);
}

/** Options for {@linkcode DataPlane.open}. */
export interface DataPlaneOptions {
  /** Ports to attach to. Default: every data port of the bridge. */
  ports?: readonly number[];
  /** Frames kept per port before the oldest is dropped. Default 1024. */
  maxQueue?: number;
}

/** Longest unix socket path a client can connect to (sun_path is 108 bytes with its NUL). */
const MAX_UNIX_PATH = 107;

interface Waiter {
  ports: readonly number[] | undefined;
  accept: (frame: Uint8Array) => boolean;
  resolve: (got: DataPlaneFrame | undefined) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** Thrown by the `verify*` helpers when the data plane did not do what the test expected. */
export class DataPlaneAssertionError extends Error {
  /**
   * Creates the error.
   *
   * @param message What was expected and what came.
   */
  constructor(message: string) {
    super(message);
    this.name = "DataPlaneAssertionError";
  }
}

/**
 * Frames in and out of a bridge's data ports, with per-port bounded queues, like OFTest's
 * `dataplane` module. Dispose it (`await using`) to close the port sockets.
 *
 * @example
 * ```ts ignore
 * await using dp = await DataPlane.open(ovs.bridge());
 * await dp.send(1, frame);
 * await dp.verifyPacket(2, frame);
 * await dp.verifyNoOtherPackets();
 * ```
 */
export class DataPlane implements AsyncDisposable {
  readonly #conns = new Map<number, Deno.UnixConn>();
  readonly #queues = new Map<number, Uint8Array[]>();
  readonly #loops: Promise<void>[] = [];
  readonly #waiters = new Set<Waiter>();
  readonly #maxQueue: number;
  #dropped = 0;
  #closing = false;

  private constructor(maxQueue: number) {
    this.#maxQueue = maxQueue;
  }

  /**
   * Connects to the data ports of a bridge.
   *
   * @param bridge A bridge of a running {@linkcode OvsSwitch}.
   * @param options Which ports, queue bound.
   * @returns The open data plane.
   * @throws {RangeError} If a port is not a data port of the bridge, or its socket path is
   * longer than a unix socket address allows (start the switch with a shorter `tmpDir`).
   * @throws {Deno.errors.NotFound} If the switch is not running.
   */
  static async open(bridge: OvsBridge, options: DataPlaneOptions = {}): Promise<DataPlane> {
    const dp = new DataPlane(options.maxQueue ?? 1024);
    try {
      for (const port of options.ports ?? bridge.ports) {
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
        const conn = await Deno.connect({ transport: "unix", path });
        dp.#conns.set(port, conn);
        dp.#queues.set(port, []);
        dp.#loops.push(dp.#readLoop(port, conn));
      }
    } catch (e) {
      await dp.close();
      throw e;
    }
    return dp;
  }

  /** The ports this data plane is attached to. */
  get ports(): number[] {
    return [...this.#conns.keys()];
  }

  /** Frames dropped because a port's queue was full. */
  get dropped(): number {
    return this.#dropped;
  }

  /**
   * Sends a frame into the switch through a port.
   *
   * @param port OpenFlow port number.
   * @param frame The Ethernet frame (at most 65535 bytes).
   * @throws {RangeError} If the port is not attached or the frame is too long.
   * @throws {Deno.errors.BadResource} If the data plane is closed.
   */
  async send(port: number, frame: Uint8Array): Promise<void> {
    if (this.#closing) throw new Deno.errors.BadResource("Cannot send: the data plane is closed");
    const conn = this.#conns.get(port);
    if (!conn) throw new RangeError(`Port ${port} is not attached to this data plane`);
    if (frame.length > 0xffff) throw new RangeError(`Frame of ${frame.length} bytes exceeds 65535`);
    const record = new Uint8Array(frame.length + 2);
    record[0] = frame.length >> 8;
    record[1] = frame.length & 0xff;
    record.set(frame, 2);
    for (let at = 0; at < record.length;) at += await conn.write(record.subarray(at));
  }

  /**
   * Waits for a frame out of `port` (or any port), removing it from the queue.
   *
   * @param port OpenFlow port number, or undefined for any port.
   * @param options Timeout and what to match.
   * @returns The frame, or undefined on timeout (at once once the data plane is closed).
   * @throws {RangeError} If `port` is not attached.
   */
  poll(port?: number, options: DataPlanePollOptions = {}): Promise<DataPlaneFrame | undefined> {
    return this.#wait(
      port === undefined ? undefined : [port],
      toPredicate(options.match),
      options.timeout ?? 1000,
    );
  }

  /**
   * Expects `frame` out of `port` within the timeout (OFTest's `verify_packet`).
   *
   * @param port OpenFlow port number.
   * @param frame The expected frame.
   * @param timeout Milliseconds. Default 1000.
   * @throws {DataPlaneAssertionError} If it did not come.
   */
  async verifyPacket(port: number, frame: Uint8Array, timeout = 1000): Promise<void> {
    if (!(await this.poll(port, { match: frame, timeout }))) {
      const other = this.#queues.get(port)?.length ?? 0;
      throw new DataPlaneAssertionError(
        `Expected a ${frame.length}-byte frame out of port ${port} within ${timeout} ms; ` +
          `${other} other frame(s) came out of it`,
      );
    }
  }

  /**
   * Expects `frame` out of every port in `ports` and out of no other attached port
   * (OFTest's `verify_packets`).
   *
   * @param frame The expected frame.
   * @param ports OpenFlow port numbers it must leave through (may be empty).
   * @param timeout Milliseconds to wait for each expected copy. Default 1000. The other
   * ports are then watched for at most 100 ms more.
   * @throws {DataPlaneAssertionError} If a copy is missing or the frame left through
   * another port.
   */
  async verifyPackets(
    frame: Uint8Array,
    ports: readonly number[],
    timeout = 1000,
  ): Promise<void> {
    for (const port of ports) await this.verifyPacket(port, frame, timeout);
    const others = this.ports.filter((p) => !ports.includes(p));
    const got = others.length === 0 ? undefined : await this.#wait(
      others,
      toPredicate(frame),
      Math.min(timeout, 100),
    );
    if (got) {
      throw new DataPlaneAssertionError(
        `Expected the ${frame.length}-byte frame only out of port(s) ${
          ports.join(", ") || "(none)"
        }, it also came out of port ${got.port}`,
      );
    }
  }

  /**
   * Expects no frame (or no frame equal to `frame`) out of `port` (OFTest's `verify_no_packet`).
   *
   * @param port OpenFlow port number.
   * @param frame If given, only this frame counts.
   * @param timeout How long to watch, in milliseconds. Default 100.
   * @throws {DataPlaneAssertionError} If one came.
   */
  async verifyNoPacket(port: number, frame?: Uint8Array, timeout = 100): Promise<void> {
    const got = await this.poll(port, { match: frame, timeout });
    if (got) {
      throw new DataPlaneAssertionError(
        `Expected no frame out of port ${port}, got ${got.frame.length} bytes`,
      );
    }
  }

  /**
   * Expects that no frame at all is queued or arrives on any port (OFTest's
   * `verify_no_other_packets`).
   *
   * @param timeout How long to watch, in milliseconds. Default 100.
   * @throws {DataPlaneAssertionError} If one came.
   */
  async verifyNoOtherPackets(timeout = 100): Promise<void> {
    const got = await this.poll(undefined, { timeout });
    if (got) {
      throw new DataPlaneAssertionError(
        `Expected no other frames, got ${got.frame.length} bytes out of port ${got.port}`,
      );
    }
  }

  /** Drops every queued frame; returns how many. */
  clear(): number {
    let n = 0;
    for (const q of this.#queues.values()) n += q.splice(0).length;
    return n;
  }

  /** Closes the port sockets; pending polls resolve undefined. Idempotent. */
  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    for (const conn of this.#conns.values()) {
      try {
        conn.close();
      } catch { /* already closed by the switch */ }
    }
    await Promise.allSettled(this.#loops);
    for (const w of this.#waiters) {
      clearTimeout(w.timer);
      w.resolve(undefined);
    }
    this.#waiters.clear();
  }

  /** Same as {@linkcode close}. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #wait(
    ports: readonly number[] | undefined,
    accept: (frame: Uint8Array) => boolean,
    timeout: number,
  ): Promise<DataPlaneFrame | undefined> {
    const unknown = ports?.find((p) => !this.#conns.has(p));
    if (unknown !== undefined) {
      return Promise.reject(
        new RangeError(`Port ${unknown} is not attached to this data plane`),
      );
    }
    const queued = this.#take(ports, accept);
    if (queued || this.#closing) return Promise.resolve(queued);
    const { promise, resolve } = Promise.withResolvers<DataPlaneFrame | undefined>();
    const waiter: Waiter = {
      ports,
      accept,
      resolve,
      timer: setTimeout(() => {
        this.#waiters.delete(waiter);
        resolve(undefined);
      }, timeout),
    };
    this.#waiters.add(waiter);
    return promise;
  }

  #take(
    ports: readonly number[] | undefined,
    accept: (f: Uint8Array) => boolean,
  ): DataPlaneFrame | undefined {
    for (const [p, q] of this.#queues) {
      if (ports !== undefined && !ports.includes(p)) continue;
      const i = q.findIndex(accept);
      if (i >= 0) return { port: p, frame: q.splice(i, 1)[0] };
    }
    return undefined;
  }

  #deliver(port: number, frame: Uint8Array): void {
    for (const w of this.#waiters) {
      if ((w.ports === undefined || w.ports.includes(port)) && w.accept(frame)) {
        this.#waiters.delete(w);
        clearTimeout(w.timer);
        w.resolve({ port, frame });
        return;
      }
    }
    const q = this.#queues.get(port)!;
    q.push(frame);
    if (q.length > this.#maxQueue) {
      q.shift();
      this.#dropped++;
    }
  }

  async #readLoop(port: number, conn: Deno.UnixConn): Promise<void> {
    let pending = new Uint8Array(0);
    const buf = new Uint8Array(64 * 1024);
    for (;;) {
      let n: number | null;
      try {
        n = await conn.read(buf);
      } catch {
        return; // closed by close() or by the switch
      }
      if (n === null) return;
      const chunk = new Uint8Array(pending.length + n);
      chunk.set(pending);
      chunk.set(buf.subarray(0, n), pending.length);
      let at = 0;
      while (chunk.length - at >= 2) {
        const length = (chunk[at] << 8) | chunk[at + 1];
        if (chunk.length - at - 2 < length) break;
        this.#deliver(port, chunk.slice(at + 2, at + 2 + length));
        at += 2 + length;
      }
      pending = chunk.slice(at);
    }
  }
}

function toPredicate(match: DataPlanePollOptions["match"]): (frame: Uint8Array) => boolean {
  if (match === undefined) return () => true;
  if (typeof match === "function") return match;
  return (frame) => frame.length === match.length && frame.every((b, i) => b === match[i]);
}
