// One controller connection: framing, the HELLO exchange, dispatch to the version's handlers,
// ERROR replies, and an ordered write queue where the fault modes act.
import type { Logger } from "@logtape/logtape";
import {
  decode,
  encode,
  FrameParser,
  helloVersions,
  OfpDecodeError,
  versionBitmap,
} from "../ofp/mod.ts";
import type { OfpMessage } from "../ofp/mod.ts";
import type { Address } from "../controller/transport.ts";
import type {
  ChannelCounters,
  ChannelRole,
  ChannelState,
  ControllerChannel,
} from "./controller_channel.ts";
import type { Datapath, DatapathListener } from "./_datapath.ts";
import { events } from "./_events.ts";
import {
  checkFaults,
  type Faults,
  type FloodOptions,
  type MalformedKind,
  type PacketInFlood,
} from "./faults.ts";
import { flood, malform, REPLY_TYPES } from "./_faults_impl.ts";
import { handle10 } from "./_handle10.ts";
import { handle13 } from "./_handle13.ts";
import { Refusal, refusalOfDecode } from "./_refusal.ts";
import type { Stream } from "./_stream.ts";
import { WriteQueue } from "./_write_queue.ts";

/** What a connection needs from its switch. */
export interface ChannelHost {
  readonly dp: Datapath;
  readonly versions: readonly number[];
  readonly desc: { mfr: string; hw: string; sw: string; serial: string; dp: string };
  readonly log: Logger;
  /** Every open connection (role changes demote other masters). */
  channels(): Iterable<Channel>;
  /** The largest generation id seen in a role request, if any. */
  generationId: bigint | undefined;
  /** The connection closed. */
  gone(ch: Channel): void;
}

const HELLO_FAILED = 0, HFC_INCOMPATIBLE = 0;

/** One controller connection. */
export class Channel implements ControllerChannel {
  readonly id: number;
  readonly remote: Address;
  readonly local: Address;
  readonly tls: boolean;
  readonly host: ChannelHost;
  version = 0;
  state: ChannelState = "hello";
  role: ChannelRole = "equal";
  /** Bytes of a missed packet sent to this controller (SET_CONFIG). */
  missSendLen = 128;
  /** SET_CONFIG flags as last set (fragment bits are the datapath's). */
  configFlags = 0;
  /** SET_ASYNC masks: [master/equal, slave] for packet-in, port-status, flow-removed reasons. */
  async: [number, number][] = [[0b011, 0], [0b111, 0b111], [0b1111, 0]];
  readonly #counts: ChannelCounters = {
    received: 0,
    sent: 0,
    dropped: 0,
    delayed: 0,
    malformed: 0,
    errors: 0,
  };
  #faults: Faults;
  #stream: Stream;
  #closeWhenDrained = false;
  readonly #writes: WriteQueue;
  #closing = false;
  #ready = Promise.withResolvers<ControllerChannel>();
  #closed = Promise.withResolvers<void>();
  #readDone: Promise<void>;
  /** Partial multipart requests (REQ_MORE), by xid. */
  readonly pendingMultipart: Map<number, unknown[]> = new Map();
  readonly listener: DatapathListener;

  constructor(
    host: ChannelHost,
    id: number,
    stream: Stream,
    info: { local: Address; remote: Address; tls: boolean },
    faults: Faults,
  ) {
    this.host = host;
    this.id = id;
    this.#stream = stream;
    this.local = info.local;
    this.remote = info.remote;
    this.tls = info.tls;
    this.#faults = { ...faults };
    this.#ready.promise.catch(() => {});
    this.listener = events(this);
    this.#writes = new WriteQueue(stream, (e) => {
      if (this.#closing) return;
      this.host.log.warn("Connection {id}: write failed: {error}", { id: this.id, error: e });
      void this.close();
    });
    this.#writes.onIdle = () => {
      if (this.#closeWhenDrained) this.#finish();
    };
    this.#sendHello();
    this.#readDone = this.#readLoop();
  }

  get counters(): ChannelCounters {
    return { ...this.#counts, sent: this.#writes.sent };
  }

  get ready(): Promise<ControllerChannel> {
    return this.#ready.promise;
  }

  get closed(): Promise<void> {
    return this.#closed.promise;
  }

  get faults(): Readonly<Faults> {
    return this.#faults;
  }

  setFaults(faults: Faults): void {
    this.#faults = { ...checkFaults(faults) };
  }

  get dp(): Datapath {
    return this.host.dp;
  }

  // ---- reading -------------------------------------------------------------------------

  async #readLoop(): Promise<void> {
    const parser = new FrameParser();
    try {
      while (!this.#closing) {
        const buf = new Uint8Array(64 * 1024);
        const n = await this.#stream.read(buf);
        if (n === null) break;
        for (const frame of parser.push(buf.subarray(0, n))) {
          this.#onFrame(frame);
          if (this.#closing) return;
        }
      }
    } catch (e) {
      if (!this.#closing) {
        this.host.log.warn("Connection {id} to {remote}: {error}", {
          id: this.id,
          remote: this.remote,
          error: e,
        });
      }
    } finally {
      if (!this.#closing) void this.close();
    }
  }

  #onFrame(frame: Uint8Array): void {
    this.#counts.received++;
    if (this.state === "hello") this.#onHello(frame);
    else this.#onMessage(frame);
    const c = this.#faults.closeAfter;
    if (typeof c === "object" && this.#counts.received >= c.messages) this.#closeAfterWrites();
  }

  #sendHello(): void {
    const versions = this.host.versions;
    const top = versions[versions.length - 1];
    const elements = top >= 4 ? [versionBitmap(versions)] : [];
    this.#enqueue(encode({ version: top, type: "HELLO", xid: 0, elements }), false);
  }

  #onHello(frame: Uint8Array): void {
    const ours = this.host.versions;
    let peer: OfpMessage | undefined;
    try {
      peer = decode(frame);
    } catch { /* handled below */ }
    if (peer?.type !== "HELLO") {
      return this.#helloFailed(frame[0], frame, "Expected HELLO as the first message");
    }
    const advertised = helloVersions(peer);
    let version: number | undefined;
    if (advertised) {
      for (const v of ours) if (advertised.includes(v)) version = v;
    } else {
      const v = Math.min(peer.version, ours[ours.length - 1]);
      if (ours.includes(v)) version = v;
    }
    if (version === undefined) {
      const theirs = advertised ?? [peer.version];
      return this.#helloFailed(
        peer.version,
        frame,
        `Incompatible versions: the switch supports ${ours.join(", ")}, the controller ${
          theirs.join(", ")
        }`,
      );
    }
    this.version = version;
    this.state = "ready";
    this.host.dp.listeners.add(this.listener);
    this.#ready.resolve(this);
    if (this.#faults.closeAfter === "hello") this.#closeAfterWrites();
  }

  #helloFailed(peerVersion: number, frame: Uint8Array, text: string): void {
    const ours = this.host.versions;
    const v = ours.includes(peerVersion) ? peerVersion : ours[0];
    const data = new TextEncoder().encode(text);
    this.#enqueue(
      encode(
        {
          version: v,
          type: "ERROR",
          xid: frame.length >= 8 ? readXid(frame) : 0,
          errType: HELLO_FAILED,
          code: HFC_INCOMPATIBLE,
          data,
        } as OfpMessage,
      ),
      false,
    );
    this.#counts.errors++;
    this.host.log.warn("Connection {id}: HELLO failed: {text}", { id: this.id, text });
    this.#ready.reject(new Error(text));
    this.#closeAfterWrites();
  }

  #onMessage(frame: Uint8Array): void {
    const xid = readXid(frame);
    if (frame[0] !== this.version) {
      return this.refuse(
        new Refusal(
          "BAD_REQUEST",
          "BAD_VERSION",
          `Version ${frame[0]} after negotiating ${this.version}`,
        ),
        xid,
        frame,
      );
    }
    let msg: OfpMessage;
    try {
      msg = decode(frame);
    } catch (e) {
      if (!(e instanceof OfpDecodeError)) throw e;
      return this.refuse(refusalOfDecode(e), xid, frame);
    }
    try {
      if (this.version === 4) handle13(this, msg, frame);
      else handle10(this, msg, frame);
    } catch (e) {
      if (e instanceof Refusal) return this.refuse(e, xid, frame);
      this.host.log.error("Connection {id}: failure handling {type}: {error}", {
        id: this.id,
        type: msg.type,
        error: e,
      });
      this.refuse(new Refusal("BAD_REQUEST", "EPERM", String(e)), xid, frame);
    }
  }

  /** Sends the ERROR for a refused request: its xid and its first 64 bytes. */
  refuse(r: Refusal, xid: number, frame: Uint8Array): void {
    const [errType, code] = r.numbers(this.version || frame[0]);
    this.#counts.errors++;
    this.host.log.debug("Connection {id} refuses xid {xid}: {message}", {
      id: this.id,
      xid,
      message: r.message,
    });
    const version = this.version || this.host.versions[0];
    this.#enqueue(
      encode(
        { version, type: "ERROR", xid, errType, code, data: frame.slice(0, 64) } as OfpMessage,
      ),
      true,
      "ERROR",
    );
  }

  // ---- writing -------------------------------------------------------------------------

  /** Sends a reply (subject to the reply faults). */
  reply(msg: OfpMessage): void {
    this.#enqueue(encode(msg), true, msg.type);
  }

  /** Sends an asynchronous message (PACKET_IN, FLOW_REMOVED, PORT_STATUS). */
  notify(msg: OfpMessage): void {
    if (this.state !== "ready") return;
    this.#enqueue(encode(msg), false);
  }

  /** Whether the last reply of a type was queued (used by the "features" close point). */
  afterFeaturesReply(): void {
    if (this.#faults.closeAfter === "features") this.#closeAfterWrites();
  }

  #enqueue(bytes: Uint8Array, isReply: boolean, typeName = ""): void {
    if (this.state === "closed") return;
    let notBefore = 0;
    if (isReply) {
      const f = this.#faults;
      const drop = f.dropReplies === true ||
        (Array.isArray(f.dropReplies) && f.dropReplies.includes(typeName));
      if (drop && REPLY_TYPES.has(typeName)) {
        this.#counts.dropped++;
        return;
      }
      if (f.malformReplies) {
        bytes = malform(bytes, f.malformReplies);
        this.#counts.malformed++;
      }
      if (f.delayReplies) {
        notBefore = performance.now() + f.delayReplies;
        this.#counts.delayed++;
      }
    }
    this.#writes.push(bytes, notBefore);
  }

  /** Writes raw bytes in order with the rest (faults and floods). */
  writeRaw(bytes: Uint8Array): void {
    if (this.state !== "closed") this.#writes.push(bytes);
  }

  /** Resolves when the write queue is empty (or the connection closed). */
  drained(): Promise<void> {
    return this.#writes.drained();
  }

  // ---- faults --------------------------------------------------------------------------

  sendMalformed(kind: MalformedKind): Promise<void> {
    const v = this.version || this.host.versions[this.host.versions.length - 1];
    // A PORT_STATUS-sized message of the negotiated version, then broken.
    const bytes = encode(
      { version: v, type: "ECHO_REQUEST", xid: 0, data: new Uint8Array(8) } as OfpMessage,
    );
    this.#counts.malformed++;
    this.writeRaw(malform(bytes, kind));
    return this.drained();
  }

  floodPacketIns(options: FloodOptions = {}): PacketInFlood {
    return flood(this, options);
  }

  // ---- closing -------------------------------------------------------------------------

  #closeAfterWrites(): void {
    if (this.#closing) return;
    this.#closing = true;
    this.#closeWhenDrained = true;
    if (this.#writes.idle) this.#finish();
  }

  #finish(): void {
    if (this.state === "closed") return;
    this.state = "closed";
    this.#writes.close();
    this.host.dp.listeners.delete(this.listener);
    try {
      this.#stream.close();
    } catch { /* already closed */ }
    this.#ready.reject(new Error("Connection closed before the HELLO exchange"));
    this.host.gone(this);
    this.#readDone.finally(() => this.#closed.resolve());
  }

  async close(): Promise<void> {
    if (!this.#closing) {
      this.#closing = true;
      this.#closeWhenDrained = true;
      // Pending writes get a short while to drain, then the socket closes regardless.
      const t = setTimeout(() => this.#finish(), 500);
      if (this.#writes.idle) this.#finish();
      await this.drained();
      clearTimeout(t);
      this.#finish();
    }
    await this.#closed.promise;
  }

  /** Whether the connection is going away. */
  get closing(): boolean {
    return this.#closing;
  }
}

function readXid(b: Uint8Array): number {
  return ((b[4] << 24) | (b[5] << 16) | (b[6] << 8) | b[7]) >>> 0;
}
