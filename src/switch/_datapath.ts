// The datapath: ports, flow tables, groups, meters and buffers, and what happens to a frame
// from the port it enters to the ports (or controllers) it leaves by.
import { of13 } from "../ofp/mod.ts";
import { BufferPool } from "./_buffers.ts";
import type { FlowEntry } from "./_flow_entry.ts";
import { FlowTable } from "./_flow_table.ts";
import { type GroupEnv, GroupTable } from "./_groups.ts";
import { newKey, S } from "./_key.ts";
import { MeterTable } from "./_meters.ts";
import { Packet } from "./_packet.ts";
import { type Ctx, type PipelineHost, runPipeline } from "./_pipeline.ts";
import { Port } from "./_ports.ts";
import { logger } from "../_log.ts";

const log = logger("switch");

const P = of13.OFPP;

/** One port as the datapath is built with it. */
export interface PortConfig {
  no: number;
  name: string;
  hwAddr: string;
  queues: readonly number[];
}

/** A packet on its way to the controllers. */
export interface PacketInEvent {
  /** `OFPR` reason (1.3 numbering; 1.0 shares NO_MATCH and ACTION). */
  reason: number;
  tableId: number;
  cookie: bigint;
  inPort: number;
  metadata: bigint;
  tunnelId: bigint;
  /** The whole frame. */
  frame: Uint8Array;
  /** Bytes to send (an OUTPUT's max_len), or undefined for each connection's miss_send_len. */
  maxLen: number | undefined;
  /** Only OpenFlow 1.0 connections get it (a table miss: 1.3 drops misses, §5.4). */
  only10: boolean;
  /** Buffers the frame once, on first call, for every connection that truncates it. */
  bufferId(): number;
}

/** What connections hear from the datapath. */
export interface DatapathListener {
  packetIn(ev: PacketInEvent): void;
  flowRemoved(entry: FlowEntry, reason: number): void;
  portStatus(port: Port, reason: number): void;
}

/** Where frames leave the switch: the frame link's receiver. */
export type FrameSink = (port: number, frame: Uint8Array) => void;

/** The datapath of one switch. */
export class Datapath implements PipelineHost {
  readonly datapathId: bigint;
  readonly tables: FlowTable[];
  readonly groups: GroupTable = new GroupTable();
  readonly meters: MeterTable = new MeterTable();
  readonly ports: Map<number, Port> = new Map();
  readonly buffers: BufferPool;
  readonly listeners: Set<DatapathListener> = new Set();
  /** Fragment handling (`OFPC_FRAG`): NORMAL or DROP. */
  fragFlags = 0;
  /** Frames leaving through each port. */
  sinks: Map<number, FrameSink> = new Map();
  /** Flows with a timeout, for the expiry sweep. */
  readonly timed: Set<FlowEntry> = new Set();
  readonly groupEnv: GroupEnv;
  #sweep: ReturnType<typeof setInterval> | undefined;
  #closed = false;
  readonly #t0 = performance.now();
  /** A key reused by frames from the ports (not by a frame a port's receiver sends back in). */
  readonly #scratch = newKey();
  #depth = 0;

  constructor(
    datapathId: bigint,
    ports: readonly PortConfig[],
    nTables: number,
    nBuffers: number,
    maxEntries: number,
  ) {
    this.datapathId = datapathId;
    this.tables = Array.from({ length: nTables }, (_, i) => new FlowTable(i, maxEntries));
    this.buffers = new BufferPool(nBuffers);
    const now = this.now();
    for (const p of ports) this.ports.set(p.no, new Port(p.no, p.name, p.hwAddr, p.queues, now));
    this.groupEnv = {
      hasPort: (port) => this.ports.has(port),
      hasGroup: (g) => this.groups.has(g),
      portLive: (port) => this.ports.get(port)?.live ?? false,
    };
  }

  /** Milliseconds since the datapath started (monotonic). */
  now(): number {
    return performance.now() - this.#t0;
  }

  /** A frame entering through a port. */
  receive(inPort: number, frame: Uint8Array): void {
    const port = this.ports.get(inPort);
    if (!port) return;
    if (!port.canReceive) {
      port.rxDropped++;
      return;
    }
    port.rxPackets++;
    port.rxBytes += frame.length;
    if (this.fragFlags === of13.OFPC_FRAG.DROP && isFragment(frame)) return;
    this.#depth++;
    try {
      runPipeline(this, new Packet(frame, inPort, this.#depth === 1 ? this.#scratch : newKey()), 0);
    } catch (e) {
      // A frame no rewrite can handle is dropped (a receive error), not thrown at its sender.
      port.rxErrors++;
      log.error("Dropped a frame from port {port} that failed in the pipeline: {error}", {
        port: inPort,
        error: e,
      });
    } finally {
      this.#depth--;
    }
  }

  /** @inheritdoc */
  output(pkt: Packet, port: number, maxLen: number, ctx: Ctx): void {
    const inPort = pkt.inPort;
    if (port <= P.MAX) {
      if (port !== inPort) this.#send(pkt, port);
      return;
    }
    switch (port) {
      case P.IN_PORT:
        this.#send(pkt, inPort);
        return;
      case P.ALL:
      case P.FLOOD:
        for (const p of this.ports.values()) {
          if (p.no === inPort) continue;
          // OFPPC_NO_FLOOD (OpenFlow 1.0's bit 4) keeps a port out of FLOOD only.
          if (port === P.FLOOD && (p.config & 16) !== 0) continue;
          this.#send(pkt, p.no);
        }
        return;
      case P.CONTROLLER:
        this.#toController(
          pkt,
          ctx.tableMiss ? of13.OFPR.NO_MATCH : of13.OFPR.ACTION,
          ctx,
          maxLen,
          false,
        );
        return;
      case P.TABLE:
        runPipeline(this, pkt.clone(), 0);
        return;
      default:
        return; // LOCAL and NORMAL: there is no local stack or normal pipeline here.
    }
  }

  #send(pkt: Packet, no: number): void {
    const port = this.ports.get(no);
    if (!port) return;
    if (!port.canSend) {
      port.txDropped++;
      return;
    }
    const bytes = pkt.bytes;
    port.txPackets++;
    port.txBytes += bytes.length;
    const q = port.queues.get(pkt.queue);
    if (q) {
      q.txPackets++;
      q.txBytes += bytes.length;
    }
    this.sinks.get(no)?.(no, bytes.slice());
  }

  /** @inheritdoc */
  miss(pkt: Packet, tableId: number): void {
    this.#toController(
      pkt,
      of13.OFPR.NO_MATCH,
      { tableId, cookie: 0xffffffffffffffffn, tableMiss: true },
      undefined,
      true,
    );
  }

  /** @inheritdoc */
  invalidTtl(pkt: Packet, ctx: Ctx): void {
    this.#toController(pkt, of13.OFPR.INVALID_TTL, ctx, undefined, false);
  }

  #toController(
    pkt: Packet,
    reason: number,
    ctx: Ctx,
    maxLen: number | undefined,
    only10: boolean,
  ): void {
    const inPort = pkt.inPort;
    const port = this.ports.get(inPort);
    if (port && (port.config & of13.OFPPC.NO_PACKET_IN) !== 0) return;
    const frame = pkt.bytes.slice();
    const key = pkt.key;
    let buffer: number | undefined;
    const ev: PacketInEvent = {
      reason,
      tableId: ctx.tableId,
      cookie: ctx.cookie,
      inPort,
      metadata: (BigInt(key[S.METADATA] >>> 0) << 32n) | BigInt(key[S.METADATA + 1] >>> 0),
      tunnelId: (BigInt(key[S.TUNNEL_ID] >>> 0) << 32n) | BigInt(key[S.TUNNEL_ID + 1] >>> 0),
      frame,
      maxLen,
      only10,
      bufferId: () => (buffer ??= this.buffers.store(frame, inPort)),
    };
    for (const l of this.listeners) l.packetIn(ev);
  }

  /** Adds an entry to its table and to the expiry sweep. */
  install(entry: FlowEntry): void {
    this.tables[entry.tableId].add(entry);
    if (entry.idleTimeout > 0 || entry.hardTimeout > 0) {
      this.timed.add(entry);
      this.#armSweep();
    }
  }

  /** Removes an entry and tells the listeners (they decide on FLOW_REMOVED). */
  uninstall(entry: FlowEntry, reason: number): void {
    this.tables[entry.tableId].remove(entry);
    this.timed.delete(entry);
    for (const l of this.listeners) l.flowRemoved(entry, reason);
  }

  #armSweep(): void {
    if (this.#sweep !== undefined || this.#closed) return;
    this.#sweep = setInterval(() => this.expire(), 100);
  }

  /** Removes every entry whose timeout has passed. */
  expire(): void {
    const now = this.now();
    for (const e of [...this.timed]) {
      const reason = e.expired(now);
      if (reason < 0) continue;
      try {
        this.uninstall(e, reason);
      } catch (err) {
        log.error("Removing an expired flow failed: {error}", { error: err });
      }
    }
    if (this.timed.size === 0 && this.#sweep !== undefined) {
      clearInterval(this.#sweep);
      this.#sweep = undefined;
    }
  }

  /** Tells every listener a port changed. */
  portChanged(port: Port, reason: number): void {
    for (const l of this.listeners) l.portStatus(port, reason);
  }

  /** Every entry of every table. */
  *entries(): Generator<FlowEntry> {
    for (const t of this.tables) yield* t.entries();
  }

  /** Stops the expiry sweep. */
  close(): void {
    this.#closed = true;
    clearInterval(this.#sweep);
    this.#sweep = undefined;
  }
}

/** Whether an IPv4 frame (after any VLAN tags) is a fragment. */
function isFragment(b: Uint8Array): boolean {
  let p = 12;
  while (p + 4 <= b.length && ((b[p] << 8) | b[p + 1]) !== 0x0800) {
    const t = (b[p] << 8) | b[p + 1];
    if (t !== 0x8100 && t !== 0x88a8) return false;
    p += 4;
  }
  p += 2;
  if (p + 20 > b.length) return false;
  return (((b[p + 6] << 8) | b[p + 7]) & 0x3fff) !== 0;
}
