/**
 * The data plane: frames into and out of the ports of the switch under test, with per-port
 * bounded queues and OFTest's verify helpers, over any {@linkcode FrameLink} (Open vSwitch
 * dummy ports, a tester switch, the embedded switch's ports).
 *
 * @module
 */
import { atCallSite, callSite } from "../_call_site.ts";
import type { FrameLink } from "./frame_link.ts";
import type { OvsBridge } from "./ovs.ts";
import { OvsPortLink } from "./ovs_port_link.ts";
import { describeMismatch } from "./_frame_text.ts";

/** A frame that left the switch through a port. */
export interface DataPlaneFrame {
  /** The OpenFlow port number it left through. */
  port: number;
  /** The Ethernet frame. */
  frame: Uint8Array;
}

/** A frame that crossed the data plane, as seen by a {@linkcode DataPlane.record} listener. */
export interface DataPlaneRecord extends DataPlaneFrame {
  /** `"in"`: sent into the switch; `"out"`: came out of it. */
  direction: "in" | "out";
  /** When, in milliseconds since the epoch (fractional). */
  time: number;
}

/** Options for {@linkcode DataPlane.poll}. */
export interface DataPlanePollOptions {
  /** How long to wait, in milliseconds. Default 1000. */
  timeout?: number;
  /** Only frames equal to this one (or accepted by this predicate) match. */
  match?: Uint8Array | ((frame: Uint8Array) => boolean);
}

/** Options for {@linkcode DataPlane.open} and {@linkcode DataPlane.over}. */
export interface DataPlaneOptions {
  /** {@linkcode DataPlane.open} only: ports to attach to. Default: every data port of the bridge. */
  ports?: readonly number[];
  /** Frames kept per port before the oldest is dropped. Default 1024. */
  maxQueue?: number;
}

interface Waiter {
  ports: readonly number[] | undefined;
  accept: (frame: Uint8Array) => boolean;
  resolve: (got: DataPlaneFrame | undefined) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** Options of {@linkcode DataPlaneAssertionError}. */
export interface DataPlaneAssertionErrorOptions {
  /** The port the expectation was about. */
  port?: number;
  /** The frame the test expected. */
  expected?: Uint8Array;
  /** The frame that came instead (or came where none should). */
  actual?: Uint8Array;
}

/**
 * Thrown by the `verify*` helpers when the data plane did not do what the test expected. Its
 * stack points at the test's line; its message shows the differing fields and both frames.
 */
export class DataPlaneAssertionError extends Error {
  /** The port the expectation was about. */
  readonly port: number | undefined;
  /** The frame the test expected. */
  readonly expected: Uint8Array | undefined;
  /** The frame that came instead (or came where none should). */
  readonly actual: Uint8Array | undefined;

  /**
   * Creates the error.
   *
   * @param message What was expected and what came.
   * @param options The frames and port involved.
   */
  constructor(message: string, options: DataPlaneAssertionErrorOptions = {}) {
    super(message);
    this.name = "DataPlaneAssertionError";
    this.port = options.port;
    this.expected = options.expected;
    this.actual = options.actual;
  }
}

/**
 * Frames in and out of the data ports of a switch, with per-port bounded queues, like
 * OFTest's `dataplane` module. Dispose it (`await using`) to close the link.
 *
 * @example
 * ```ts ignore
 * await using dp = await DataPlane.open(ovs.bridge());
 * await dp.send(1, frame);
 * await dp.verifyPackets(frame, [2]); // out of port 2, and of no other port
 * ```
 */
export class DataPlane implements AsyncDisposable {
  readonly #link: FrameLink;
  readonly #queues = new Map<number, Uint8Array[]>();
  readonly #waiters = new Set<Waiter>();
  readonly #listeners = new Set<(record: DataPlaneRecord) => void>();
  readonly #maxQueue: number;
  #dropped = 0;
  #closed: Promise<void> | undefined;

  private constructor(link: FrameLink, maxQueue: number) {
    this.#link = link;
    this.#maxQueue = maxQueue;
    for (const port of link.ports) this.#queues.set(port, []);
  }

  /**
   * Opens a data plane on the dummy ports of an Open vSwitch bridge.
   *
   * @param bridge A bridge of a running `OvsSwitch`.
   * @param options Which ports, queue bound.
   * @returns The open data plane.
   * @throws {RangeError} If a port is not a data port of the bridge, or its socket path is
   * longer than a unix socket address allows (start the switch with a shorter `tmpDir`).
   * @throws {Error} If the switch is not running.
   */
  static async open(bridge: OvsBridge, options: DataPlaneOptions = {}): Promise<DataPlane> {
    return await DataPlane.over(new OvsPortLink(bridge, options.ports ?? bridge.ports), options);
  }

  /**
   * Opens a data plane over any link (it takes ownership and closes it).
   *
   * @param link The ports, e.g. an `OvsPortLink` or a `TesterLink`.
   * @param options Queue bound.
   * @returns The open data plane.
   * @throws {Error} What the link's `open` throws.
   */
  static async over(link: FrameLink, options: DataPlaneOptions = {}): Promise<DataPlane> {
    const dp = new DataPlane(link, options.maxQueue ?? 1024);
    await link.open((port, frame) => dp.#deliver(port, frame));
    return dp;
  }

  /** The ports this data plane is attached to. */
  get ports(): number[] {
    return [...this.#link.ports];
  }

  /** Frames dropped because a port's queue was full. */
  get dropped(): number {
    return this.#dropped;
  }

  /**
   * Calls `listener` with every frame sent and received from now on (e.g. to write a pcap).
   *
   * @param listener Gets each frame with its direction, port and time.
   * @returns A function that stops the recording.
   */
  record(listener: (record: DataPlaneRecord) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Sends a frame into the switch through a port.
   *
   * @param port OpenFlow port number.
   * @param frame The Ethernet frame.
   * @throws {RangeError} If the port is not attached or the frame is too long for the link.
   * @throws {Deno.errors.BadResource} If the data plane is closed.
   * @throws {Error} If the link fails.
   */
  async send(port: number, frame: Uint8Array): Promise<void> {
    if (this.#closed) throw new Deno.errors.BadResource("Cannot send: the data plane is closed");
    if (!this.#queues.has(port)) {
      throw new RangeError(`Port ${port} is not attached to this data plane`);
    }
    this.#emit("in", port, frame);
    await this.#link.send(port, frame);
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
   * Expects `frame` out of `port` within the timeout (OFTest's `verify_packet`). On failure
   * the error shows the fields in which the frames that did come out of the port differ.
   *
   * @param port OpenFlow port number.
   * @param frame The expected frame.
   * @param timeout Milliseconds. Default 1000.
   * @throws {DataPlaneAssertionError} If it did not come.
   */
  async verifyPacket(port: number, frame: Uint8Array, timeout = 1000): Promise<void> {
    const site = callSite();
    if (await this.poll(port, { match: frame, timeout })) return;
    throw atCallSite(this.#missing(port, frame, timeout), site);
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
    const site = callSite();
    for (const port of ports) {
      if (!(await this.poll(port, { match: frame, timeout }))) {
        throw atCallSite(this.#missing(port, frame, timeout), site);
      }
    }
    const others = this.ports.filter((p) => !ports.includes(p));
    const got = others.length === 0
      ? undefined
      : await this.#wait(others, () => true, Math.min(timeout, 100));
    if (got) {
      throw atCallSite(
        new DataPlaneAssertionError(
          `Expected the frame only out of port(s) ${ports.join(", ") || "(none)"}, ` +
            `a frame came out of port ${got.port}\n${describeMismatch(frame, got.frame)}`,
          { port: got.port, expected: frame, actual: got.frame },
        ),
        site,
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
    const site = callSite();
    const got = await this.poll(port, { match: frame, timeout });
    if (got) {
      throw atCallSite(
        new DataPlaneAssertionError(
          `Expected no frame out of port ${port}, got ${got.frame.length} bytes\n` +
            describeMismatch(frame, got.frame),
          { port, expected: frame, actual: got.frame },
        ),
        site,
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
    const site = callSite();
    const got = await this.poll(undefined, { timeout });
    if (got) {
      throw atCallSite(
        new DataPlaneAssertionError(
          `Expected no other frames, got ${got.frame.length} bytes out of port ${got.port}\n` +
            describeMismatch(undefined, got.frame),
          { port: got.port, actual: got.frame },
        ),
        site,
      );
    }
  }

  /**
   * Drops every queued frame.
   *
   * @returns How many were dropped.
   */
  clear(): number {
    let n = 0;
    for (const q of this.#queues.values()) n += q.splice(0).length;
    return n;
  }

  /** Closes the link; pending polls resolve undefined. Idempotent. */
  close(): Promise<void> {
    this.#closed ??= (async () => {
      for (const w of this.#waiters) {
        clearTimeout(w.timer);
        w.resolve(undefined);
      }
      this.#waiters.clear();
      await this.#link.close();
    })();
    return this.#closed;
  }

  /** Same as {@linkcode close}. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #missing(port: number, frame: Uint8Array, timeout: number): DataPlaneAssertionError {
    const others = this.#queues.get(port) ?? [];
    const nearest = others[0];
    return new DataPlaneAssertionError(
      `Expected a ${frame.length}-byte frame out of port ${port} within ${timeout} ms; ` +
        `${others.length} other frame(s) came out of it` +
        (nearest ? `; the first one differs:\n${describeMismatch(frame, nearest)}` : ""),
      { port, expected: frame, actual: nearest },
    );
  }

  #wait(
    ports: readonly number[] | undefined,
    accept: (frame: Uint8Array) => boolean,
    timeout: number,
  ): Promise<DataPlaneFrame | undefined> {
    const unknown = ports?.find((p) => !this.#queues.has(p));
    if (unknown !== undefined) {
      return Promise.reject(
        new RangeError(`Port ${unknown} is not attached to this data plane`),
      );
    }
    const queued = this.#take(ports, accept);
    if (queued || this.#closed) return Promise.resolve(queued);
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

  #emit(direction: "in" | "out", port: number, frame: Uint8Array): void {
    if (this.#listeners.size === 0) return;
    const record = { direction, port, frame, time: performance.timeOrigin + performance.now() };
    for (const listener of this.#listeners) listener(record);
  }

  #deliver(port: number, frame: Uint8Array): void {
    const q = this.#queues.get(port);
    if (!q) return; // a port the test did not attach
    this.#emit("out", port, frame);
    for (const w of this.#waiters) {
      if ((w.ports === undefined || w.ports.includes(port)) && w.accept(frame)) {
        this.#waiters.delete(w);
        clearTimeout(w.timer);
        w.resolve({ port, frame });
        return;
      }
    }
    q.push(frame);
    if (q.length > this.#maxQueue) {
      q.shift();
      this.#dropped++;
    }
  }
}

function toPredicate(match: DataPlanePollOptions["match"]): (frame: Uint8Array) => boolean {
  if (match === undefined) return () => true;
  if (typeof match === "function") return match;
  return (frame) => frame.length === match.length && frame.every((b, i) => b === match[i]);
}
