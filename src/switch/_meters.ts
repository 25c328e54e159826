// The meter table: token-bucket bands in kb/s or packets/s, the highest exceeded band applied
// to a packet (OpenFlow 1.3 §5.7), and per-meter and per-band counters.
import { of13 } from "../ofp/mod.ts";
import type { Of13MeterBand, Of13MeterMod } from "../ofp/mod.ts";
import { refuse } from "./_refusal.ts";

const { OFPMC, OFPMF, OFPM } = of13;

/** Most meters. */
export const MAX_METERS = 1024;
/** Most bands in a meter. */
export const MAX_BANDS = 8;

/** A band with its bucket and counters. */
export interface Band {
  wire: Of13MeterBand;
  /** Tokens per ms (bits for kb/s meters, packets for packet/s meters). */
  perMs: number;
  capacity: number;
  tokens: number;
  packets: number;
  bytes: number;
}

/** A meter. */
export interface Meter {
  id: number;
  flags: number;
  bands: Band[];
  packets: number;
  bytes: number;
  created: number;
  last: number;
}

/** The meters of the switch. */
export class MeterTable {
  readonly meters: Map<number, Meter> = new Map();

  /** Whether a meter exists. */
  has(id: number): boolean {
    return this.meters.has(id);
  }

  /**
   * Applies a METER_MOD.
   *
   * @returns The ids of deleted meters (their flows must go too).
   * @throws {Refusal} OFPET_METER_MOD_FAILED with the spec's code.
   */
  apply(msg: Of13MeterMod, now: number): number[] {
    switch (msg.command) {
      case OFPMC.ADD:
      case OFPMC.MODIFY: {
        if (msg.meterId === 0 || msg.meterId > OFPM.MAX) {
          throw refuse(
            "METER_MOD_FAILED",
            "INVALID_METER",
            `Meter id ${msg.meterId} is reserved or invalid`,
          );
        }
        const old = this.meters.get(msg.meterId);
        if (msg.command === OFPMC.ADD && old) {
          throw refuse("METER_MOD_FAILED", "METER_EXISTS", `Meter ${msg.meterId} already exists`);
        }
        if (msg.command === OFPMC.MODIFY && !old) {
          throw refuse("METER_MOD_FAILED", "UNKNOWN_METER", `Meter ${msg.meterId} does not exist`);
        }
        if (!old && this.meters.size >= MAX_METERS) {
          throw refuse("METER_MOD_FAILED", "OUT_OF_METERS", `Already ${MAX_METERS} meters`);
        }
        const meter = build(msg, now);
        if (old) {
          meter.packets = old.packets;
          meter.bytes = old.bytes;
          meter.created = old.created;
        }
        this.meters.set(msg.meterId, meter);
        return [];
      }
      case OFPMC.DELETE: {
        const ids = msg.meterId === OFPM.ALL ? [...this.meters.keys()] : [msg.meterId];
        const gone = ids.filter((id) => this.meters.delete(id));
        return gone;
      }
      default:
        throw refuse("METER_MOD_FAILED", "BAD_COMMAND", `Meter command ${msg.command} is unknown`);
    }
  }

  /**
   * Meters a packet of `bytes`: refills every band, charges the bands it conforms to, and
   * returns the band with the highest rate among those it exceeds (undefined: it passes).
   */
  meter(id: number, bytes: number, now: number): Band | undefined {
    const m = this.meters.get(id);
    if (!m) return undefined;
    m.packets++;
    m.bytes += bytes;
    const elapsed = Math.max(0, now - m.last);
    m.last = now;
    const cost = (m.flags & OFPMF.PKTPS) !== 0 ? 1 : bytes * 8;
    let applied: Band | undefined;
    for (const b of m.bands) {
      b.tokens = Math.min(b.capacity, b.tokens + elapsed * b.perMs);
      if (b.tokens >= cost) b.tokens -= cost;
      else if (!applied || b.wire.rate > applied.wire.rate) applied = b;
    }
    if (applied) {
      applied.packets++;
      applied.bytes += bytes;
    }
    return applied;
  }
}

function build(msg: Of13MeterMod, now: number): Meter {
  const known = OFPMF.KBPS | OFPMF.PKTPS | OFPMF.BURST | OFPMF.STATS;
  if (
    (msg.flags & ~known) !== 0 ||
    (msg.flags & (OFPMF.KBPS | OFPMF.PKTPS)) === (OFPMF.KBPS | OFPMF.PKTPS)
  ) {
    throw refuse(
      "METER_MOD_FAILED",
      "BAD_FLAGS",
      `Meter flags 0x${msg.flags.toString(16)} are not supported`,
    );
  }
  if (msg.bands.length > MAX_BANDS) {
    throw refuse(
      "METER_MOD_FAILED",
      "OUT_OF_BANDS",
      `${msg.bands.length} bands, at most ${MAX_BANDS}`,
    );
  }
  const pktps = (msg.flags & OFPMF.PKTPS) !== 0;
  const burst = (msg.flags & OFPMF.BURST) !== 0;
  const bands = msg.bands.map((wire): Band => {
    if (wire.type !== "DROP" && wire.type !== "DSCP_REMARK") {
      throw refuse("METER_MOD_FAILED", "BAD_BAND", `Meter band ${wire.type} is not supported`);
    }
    if (wire.rate === 0) throw refuse("METER_MOD_FAILED", "BAD_RATE", "A meter band's rate is 0");
    if (wire.type === "DSCP_REMARK" && (wire.precLevel < 1 || wire.precLevel > 3)) {
      throw refuse(
        "METER_MOD_FAILED",
        "BAD_BAND_VALUE",
        `Precedence level ${wire.precLevel} is not 1 to 3`,
      );
    }
    // Tokens: packets, or bits (a kb/s rate is rate * 1000 bits per second = rate per ms).
    const perMs = pktps ? wire.rate / 1000 : wire.rate;
    // Without OFPMF_BURST the bucket holds one second at the band's rate (as Open vSwitch).
    const capacity = burst && wire.burstSize > 0
      ? (pktps ? wire.burstSize : wire.burstSize * 1000)
      : perMs * 1000;
    return { wire, perMs, capacity, tokens: capacity, packets: 0, bytes: 0 };
  });
  return {
    id: msg.meterId,
    flags: msg.flags,
    bands,
    packets: 0,
    bytes: 0,
    created: now,
    last: now,
  };
}
