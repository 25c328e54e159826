// The switch's data ports: configuration, link state, liveness, queues and counters, and
// their descriptions in each version.
import { of10, of13 } from "../ofp/mod.ts";
import type { Of10PhyPort, Of13Port } from "../ofp/mod.ts";

/** Counters of one queue of a port. */
export class QueueCounters {
  txPackets = 0;
  txBytes = 0;
  txErrors = 0;
  readonly created: number;
  constructor(now: number) {
    this.created = now;
  }
}

const FEATURES13 = of13.OFPPF["10GB_FD"] | of13.OFPPF.COPPER;
const FEATURES10 = of10.OFPPF["10GB_FD"] | of10.OFPPF.COPPER;
const SPEED_KBPS = 10_000_000;

/** One data port. */
export class Port {
  readonly no: number;
  readonly name: string;
  readonly hwAddr: string;
  /** `OFPPC` bits (OpenFlow 1.0's superset: NO_STP, NO_RECV_STP and NO_FLOOD included). */
  config = 0;
  /** Whether the link is down (a physical event, not OpenFlow's to change). */
  linkDown = false;
  advertised: number = FEATURES13;
  readonly created: number;
  rxPackets = 0;
  txPackets = 0;
  rxBytes = 0;
  txBytes = 0;
  rxDropped = 0;
  txDropped = 0;
  /** Frames that failed in the pipeline (logged and dropped). */
  rxErrors = 0;
  readonly queues: Map<number, QueueCounters>;

  constructor(no: number, name: string, hwAddr: string, queueIds: readonly number[], now: number) {
    this.no = no;
    this.name = name;
    this.hwAddr = hwAddr;
    this.created = now;
    this.queues = new Map(queueIds.map((q) => [q, new QueueCounters(now)]));
  }

  /** Live for fast failover: administratively up and its link up. */
  get live(): boolean {
    return (this.config & of13.OFPPC.PORT_DOWN) === 0 && !this.linkDown;
  }

  /** Whether frames may leave through it. */
  get canSend(): boolean {
    return this.live && (this.config & of13.OFPPC.NO_FWD) === 0;
  }

  /** Whether frames entering through it are processed. */
  get canReceive(): boolean {
    return this.live && (this.config & of13.OFPPC.NO_RECV) === 0;
  }

  /** Seconds and nanoseconds since the port was added. */
  duration(now: number): [number, number] {
    const ms = Math.max(0, now - this.created);
    const sec = Math.floor(ms / 1000);
    return [sec, Math.floor((ms - sec * 1000) * 1e6)];
  }

  /** The OpenFlow 1.3 description. */
  toOf13(): Of13Port {
    const S = of13.OFPPS;
    return {
      portNo: this.no,
      hwAddr: this.hwAddr,
      name: this.name,
      config: this.config & (of13.OFPPC.PORT_DOWN | of13.OFPPC.NO_RECV | of13.OFPPC.NO_FWD |
        of13.OFPPC.NO_PACKET_IN),
      state: (this.linkDown ? S.LINK_DOWN : 0) | (this.live ? S.LIVE : 0),
      curr: FEATURES13,
      advertised: this.advertised,
      supported: FEATURES13,
      peer: 0,
      currSpeed: SPEED_KBPS,
      maxSpeed: SPEED_KBPS,
    };
  }

  /** The OpenFlow 1.0 description. */
  toOf10(): Of10PhyPort {
    return {
      portNo: this.no,
      hwAddr: this.hwAddr,
      name: this.name,
      config: this.config,
      state: this.linkDown ? of10.OFPPS.LINK_DOWN : 0,
      curr: FEATURES10,
      advertised: FEATURES10,
      supported: FEATURES10,
      peer: 0,
    };
  }
}

/** The MAC address of port `no` of datapath `dpid`: locally administered, unique per port. */
export function portMac(dpid: bigint, no: number): string {
  const b = [
    0x02,
    Number((dpid >> 16n) & 0xffn),
    Number((dpid >> 8n) & 0xffn),
    Number(dpid & 0xffn),
    (no >> 8) & 0xff,
    no & 0xff,
  ];
  return b.map((x) => x.toString(16).padStart(2, "0")).join(":");
}
