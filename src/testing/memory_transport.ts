/**
 * An in-memory transport: the Controller's logic without sockets or a worker. Each
 * {@linkcode MemoryPeer} plays the switch side of one connection, driven by a test. Both
 * directions are framed by the same accumulator as the socket worker's.
 *
 * @module
 */
import { FrameAccumulator } from "../ofp/_frame_accumulator.ts";
import { OFP_HEADER_LEN } from "../ofp/header.ts";
import { C, Counters, newCounterBuffer } from "../controller/counters.ts";
import type {
  Address,
  RetryOptions,
  Transport,
  TransportEvents,
  TransportTls,
} from "../controller/transport.ts";

/**
 * The switch side of one in-memory connection (from {@linkcode MemoryTransport.connect}): what
 * it writes reaches the Controller as if read from a socket (framed, partial frames kept);
 * what the Controller writes is queued here frame by frame. Not a switch: it does only what
 * the test tells it.
 *
 * A frame the Controller writes with a header length below 8 (a raw negative test) cannot
 * be delimited: `read` hands out its 8-byte header, and framing goes on after it.
 */
export interface MemoryPeer {
  /** The connection id the Controller sees. */
  readonly id: number;
  /** Resolves once the connection is closed, from either side. */
  readonly closed: Promise<void>;
  /** Whether the connection is closed. */
  readonly isClosed: boolean;
  /** Frames the Controller wrote that no `read` has taken yet. */
  readonly unread: number;

  /**
   * Sends bytes to the Controller, as one socket read (delivered on a microtask). Frames
   * may be partial or malformed: the Controller frames them as it would a socket's bytes.
   *
   * @param bytes Any bytes.
   * @throws {Error} If the connection is closed.
   */
  write(bytes: Uint8Array): void;

  /**
   * The next frame the Controller wrote, waiting up to `timeout` ms.
   *
   * @param timeout How long to wait, in ms. Default 2000.
   * @returns The frame, or undefined on timeout or when the connection closed first.
   */
  read(timeout?: number): Promise<Uint8Array | undefined>;

  /**
   * Closes the connection from the switch side: the Controller sees the switch hang up.
   *
   * @param cause Reported to the Controller as the socket error, if given.
   */
  close(cause?: Error): void;
}

/** What a peer needs from its transport. */
interface PeerLink {
  /** The Controller's transport events. */
  readonly events: TransportEvents;
  /** The connection's counters. */
  readonly counters: Counters;
  /** Forgets the connection; false when it was already forgotten. */
  forget(): boolean;
}

/** The implementation of {@linkcode MemoryPeer}. */
class Peer implements MemoryPeer {
  readonly id: number;
  #link: PeerLink;
  #toController = new FrameAccumulator();
  #fromController = new FrameAccumulator();
  #inbox: Uint8Array[] = [];
  #inboxHead = 0;
  #waiters: ((frame: Uint8Array | undefined) => void)[] = [];
  #closed = false;
  #closedResolvers = Promise.withResolvers<void>();

  constructor(id: number, link: PeerLink) {
    this.#link = link;
    this.id = id;
  }

  /** Resolves once the connection is closed, from either side. */
  get closed(): Promise<void> {
    return this.#closedResolvers.promise;
  }

  /** Whether the connection is closed. */
  get isClosed(): boolean {
    return this.#closed;
  }

  /** Frames the Controller wrote that no `read` has taken yet. */
  get unread(): number {
    return this.#inbox.length - this.#inboxHead;
  }

  #take(): Uint8Array | undefined {
    if (this.#inboxHead === this.#inbox.length) return undefined;
    const frame = this.#inbox[this.#inboxHead++];
    if (this.#inboxHead === this.#inbox.length) {
      this.#inbox = [];
      this.#inboxHead = 0;
    }
    return frame;
  }

  /**
   * Sends bytes to the Controller, as one socket read (delivered on a microtask). Frames
   * may be partial or malformed: the Controller frames them as it would a socket's bytes.
   *
   * @param bytes Any bytes.
   * @throws {Error} If the connection is closed.
   */
  write(bytes: Uint8Array): void {
    if (this.#closed) throw new Error("Cannot write: the in-memory connection is closed");
    const copy = bytes.slice();
    queueMicrotask(() => this.#deliver(copy));
  }

  #deliver(chunk: Uint8Array): void {
    if (this.#closed) return;
    const counters = this.#link.counters;
    counters.add(C.bytesIn, chunk.length);
    const bytes = this.#toController.join(chunk);
    const offsets: number[] = [];
    this.#toController.scan(bytes, bytes.length, offsets);
    if (offsets.length > 0) {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      this.#link.events.data(this.id, bytes, view, Uint32Array.from(offsets), offsets.length);
    }
    const error = this.#toController.error;
    if (error) {
      counters.add(C.parseErrors, 1);
      this.#link.events.log(
        "error",
        "Cannot frame the switch's bytes: closing the connection",
        {
          connection: this.id,
          error,
        },
      );
      this.#shut(error);
    }
  }

  /**
   * The next frame the Controller wrote, waiting up to `timeout` ms.
   *
   * @param timeout How long to wait, in ms. Default 2000.
   * @returns The frame, or undefined on timeout or when the connection closed first.
   */
  read(timeout = 2000): Promise<Uint8Array | undefined> {
    const frame = this.#take();
    if (frame || this.#closed) return Promise.resolve(frame);
    const { promise, resolve } = Promise.withResolvers<Uint8Array | undefined>();
    const timer = setTimeout(() => {
      this.#waiters.splice(this.#waiters.indexOf(done), 1);
      resolve(undefined);
    }, timeout);
    const done = (f: Uint8Array | undefined) => {
      clearTimeout(timer);
      resolve(f);
    };
    this.#waiters.push(done);
    return promise;
  }

  /** The Controller wrote `chunk`. */
  receive(chunk: Uint8Array): void {
    if (this.#closed) return;
    this.#link.counters.add(C.bytesOut, chunk.length);
    const frames = this.#fromController;
    const bytes = frames.join(chunk);
    let at = 0;
    for (;;) {
      const offsets: number[] = [];
      const stop = frames.scan(bytes, bytes.length, offsets, at);
      for (const off of offsets) {
        this.#hand(bytes.slice(off, off + ((bytes[off + 2] << 8) | bytes[off + 3])));
      }
      if (!frames.error) return;
      // A header length below 8: hand out the header alone and go on after it.
      const end = Math.min(stop + OFP_HEADER_LEN, bytes.length);
      this.#hand(bytes.slice(stop, end));
      at = end;
    }
  }

  #hand(frame: Uint8Array): void {
    const w = this.#waiters.shift();
    if (w) w(frame);
    else this.#inbox.push(frame);
  }

  /**
   * Closes the connection from the switch side: the Controller sees the switch hang up.
   *
   * @param cause Reported to the Controller as the socket error, if given.
   */
  close(cause?: Error): void {
    if (this.#closed) return;
    queueMicrotask(() => this.#shut(cause));
    this.#closed = true;
  }

  /** The connection closes now (from the Controller's side, or the transport's). */
  shut(cause: Error | undefined): void {
    this.#shut(cause);
  }

  #shut(cause: Error | undefined): void {
    this.#closed = true;
    if (!this.#link.forget()) return;
    for (const w of this.#waiters.splice(0)) w(undefined);
    this.#link.events.closed(this.id, cause);
    this.#closedResolvers.resolve();
  }
}

/**
 * A {@linkcode Transport} whose connections are {@linkcode MemoryPeer}s: for testing the
 * Controller's logic (and handlers) without sockets or a worker. `listen` and `dial` do
 * nothing but report; connections come from {@linkcode MemoryTransport.connect}.
 *
 * @example
 * ```ts
 * import { Controller } from "@oftest/oftest";
 * import { MemoryTransport } from "@oftest/oftest/testing";
 * import assert from "node:assert/strict";
 *
 * const transport = new MemoryTransport();
 * await using controller = new Controller({ transport, features: false });
 * const peer = transport.connect();
 * peer.write(new Uint8Array([4, 0, 0, 8, 0, 0, 0, 1])); // the switch's HELLO (1.3)
 * const conn = await controller.connect();
 * assert.equal(conn.version, 4);
 * ```
 */
export class MemoryTransport implements Transport {
  #events: TransportEvents | undefined;
  #totals: SharedArrayBuffer | undefined;
  #peers = new Map<number, Peer>();
  #nextId = 1;
  #closed = false;

  /**
   * Opens a new connection to the Controller, as if a switch had connected.
   *
   * @param remote The address the Controller reports for the switch.
   * @returns The switch side of the connection.
   * @throws {Error} If the transport is not started or is closed.
   */
  connect(remote: Address = { hostname: "memory", port: this.#nextId }): MemoryPeer {
    if (this.#closed) throw new Error("Cannot connect: the transport is closed");
    const events = this.#events;
    if (!events) throw new Error("The transport is not started: create the Controller first");
    const id = this.#nextId++;
    const buffer = newCounterBuffer();
    const peer = new Peer(id, {
      events,
      counters: new Counters(buffer, this.#totals),
      forget: () => this.#peers.delete(id),
    });
    this.#peers.set(id, peer);
    events.opened(id, {
      local: { hostname: "memory", port: 0 },
      remote,
      counters: buffer,
      tls: false,
    });
    return peer;
  }

  /**
   * Starts the transport (called by the Controller).
   *
   * @param events Where to deliver events.
   * @param totals The controller's total counters.
   */
  start(events: TransportEvents, totals: SharedArrayBuffer): void {
    this.#events = events;
    this.#totals = totals;
  }

  /**
   * Reports `addresses` as bound; nothing listens.
   *
   * @param addresses The addresses asked for.
   * @param _tls Ignored.
   * @returns The same addresses.
   */
  listen(addresses: readonly Address[], _tls: TransportTls | undefined): Promise<Address[]> {
    return Promise.resolve(addresses.map((a) => ({ ...a })));
  }

  /**
   * Does nothing: in-memory connections come from {@linkcode MemoryTransport.connect}.
   *
   * @param _dialId Ignored.
   * @param _target Ignored.
   * @param _retry Ignored.
   * @param _tls Ignored.
   */
  dial(
    _dialId: number,
    _target: Address,
    _retry: Required<RetryOptions>,
    _tls: TransportTls | undefined,
  ): void {
  }

  /**
   * Hands the Controller's writes to the peers.
   *
   * @param ids Connection ids.
   * @param chunks One chunk per id.
   */
  write(ids: readonly number[], chunks: readonly Uint8Array[]): void {
    for (let i = 0; i < ids.length; i++) this.#peers.get(ids[i])?.receive(chunks[i]);
  }

  /**
   * Closes a connection from the Controller's side.
   *
   * @param id The connection id.
   */
  closeConnection(id: number): void {
    const peer = this.#peers.get(id);
    if (peer) queueMicrotask(() => peer.shut(undefined));
  }

  /**
   * Closes every connection.
   *
   * @returns A resolved promise.
   */
  close(): Promise<void> {
    this.#closed = true;
    for (const peer of [...this.#peers.values()]) peer.shut(undefined);
    return Promise.resolve();
  }
}
