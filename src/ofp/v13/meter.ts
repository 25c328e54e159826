// Meters: the bands of METER_MOD and of a METER_CONFIG reply, and the METER and
// METER_FEATURES multipart reply bodies.

import { layout, readLayout, writeLayout } from "../_layout.ts";
import type { Reader } from "../_reader.ts";
import type { Writer } from "../_writer.ts";
import { OfpEncodeError } from "../errors.ts";
import { OFPMBT } from "./constants.ts";
import type { Of13MeterConfig, Of13MeterFeaturesBody, Of13MeterStats } from "./multipart_types.ts";
import type { Of13MeterBand } from "./types.ts";

/** `ofp_meter_band_header`: type, len, rate, burst_size. */
const BAND_HEADER_LEN = 12;
/** DROP and DSCP_REMARK bands, and the fixed part of an EXPERIMENTER band. */
const BAND_LEN = 16;
/** Size of `ofp_meter_stats` before its band counters. */
const METER_STATS_LEN = 40;
/** Size of one `ofp_meter_band_stats`. */
const BAND_STATS_LEN = 16;
/** Size of `ofp_meter_config` before its bands. */
const METER_CONFIG_LEN = 8;

const METER_FEATURES = layout(
  ["maxMeter", "u32"],
  ["bandTypes", "u32"],
  ["capabilities", "u32"],
  ["maxBands", "u8"],
  ["maxColor", "u8"],
  2,
);

/** Field paths of a band list, built once per context instead of once per band. */
export interface BandPaths {
  list: string;
  type: string;
  len: string;
  rate: string;
  burstSize: string;
  precLevel: string;
  experimenter: string;
  data: string;
}

function bandPaths(base: string): BandPaths {
  return {
    list: base,
    type: `${base}[].type`,
    len: `${base}[].len`,
    rate: `${base}[].rate`,
    burstSize: `${base}[].burstSize`,
    precLevel: `${base}[].precLevel`,
    experimenter: `${base}[].experimenter`,
    data: `${base}[].data`,
  };
}

/** Paths of METER_MOD's bands. */
export const METER_MOD_BANDS: BandPaths = bandPaths("meter_mod.bands");
const METER_CONFIG_BANDS: BandPaths = bandPaths("multipart_reply.meter_config[].bands");

/** Reads meter bands until `r` is exhausted. */
export function decodeBands(r: Reader, p: BandPaths): Of13MeterBand[] {
  const out: Of13MeterBand[] = [];
  while (r.pos < r.end) {
    const at = r.pos;
    const type = r.u16(p.type);
    const len = r.u16(p.len);
    // The standard bands are exactly 16 bytes; an experimenter band at least that; a band
    // this codec does not know at least its 12-byte header.
    const min = type === OFPMBT.DROP || type === OFPMBT.DSCP_REMARK || type === OFPMBT.EXPERIMENTER
      ? BAND_LEN
      : BAND_HEADER_LEN;
    if (len < min) r.fail(`Meter band length ${len} is below ${min}`, p.len, at + 2);
    if (len !== BAND_LEN && (type === OFPMBT.DROP || type === OFPMBT.DSCP_REMARK)) {
      r.fail(`Meter band of type ${type} has length ${len}, expected ${BAND_LEN}`, p.len, at + 2);
    }
    const b = r.sub(len - 4, p.len);
    const rate = b.u32(p.rate);
    const burstSize = b.u32(p.burstSize);
    if (type === OFPMBT.DROP) {
      b.skip(4, p.list);
      out.push({ type: "DROP", rate, burstSize });
    } else if (type === OFPMBT.DSCP_REMARK) {
      const precLevel = b.u8(p.precLevel);
      b.skip(3, p.list);
      out.push({ type: "DSCP_REMARK", rate, burstSize, precLevel });
    } else if (type === OFPMBT.EXPERIMENTER) {
      const experimenter = b.u32(p.experimenter);
      out.push({
        type: "EXPERIMENTER",
        rate,
        burstSize,
        experimenter,
        data: b.bytesView(b.remaining, p.data),
      });
    } else {
      out.push({
        type: "UNKNOWN",
        bandType: type,
        rate,
        burstSize,
        data: b.bytesView(b.remaining, p.data),
      });
    }
  }
  return out;
}

/** Writes meter bands, computing each length. */
export function encodeBands(w: Writer, bands: readonly Of13MeterBand[], p: BandPaths): void {
  if (!Array.isArray(bands)) throw new OfpEncodeError("Expected an array of meter bands", p.list);
  for (const band of bands as Of13MeterBand[]) {
    if (band === null || typeof band !== "object") {
      throw new OfpEncodeError("Expected a meter band object", p.list);
    }
    const start = w.pos;
    const type = band.type === "UNKNOWN"
      ? band.bandType
      : Object.hasOwn(OFPMBT, band.type)
      ? OFPMBT[band.type]
      : undefined;
    if (type === undefined) {
      throw new OfpEncodeError(`Unknown meter band type ${String(band.type)}`, p.type);
    }
    w.u16(type, p.type);
    w.u16(0, p.len);
    w.u32(band.rate, p.rate);
    w.u32(band.burstSize, p.burstSize);
    switch (band.type) {
      case "DROP":
        w.zeros(4);
        break;
      case "DSCP_REMARK":
        w.u8(band.precLevel, p.precLevel);
        w.zeros(3);
        break;
      case "EXPERIMENTER":
        w.u32(band.experimenter, p.experimenter);
        w.bytes(band.data, p.data);
        break;
      default:
        w.bytes(band.data, p.data);
    }
    w.patchLength16(start + 2, start, p.len);
  }
}

/** Reads the entries of a METER stats reply. */
export function decodeMeterStats(r: Reader): Of13MeterStats[] {
  const path = "multipart_reply.meter[]";
  const out: Of13MeterStats[] = [];
  while (r.pos < r.end) {
    const meterId = r.u32("multipart_reply.meter[].meterId");
    const at = r.pos;
    const len = r.u16("multipart_reply.meter[].len");
    if (len < METER_STATS_LEN || (len - METER_STATS_LEN) % BAND_STATS_LEN !== 0) {
      r.fail(
        `Meter stats length ${len} is not ${METER_STATS_LEN} plus ${BAND_STATS_LEN} per band`,
        "multipart_reply.meter[].len",
        at,
      );
    }
    // The length counts from the meter id, 6 bytes back.
    const m = r.sub(len - 6, "multipart_reply.meter[].len");
    m.skip(6, path);
    const flowCount = m.u32(path);
    const packetInCount = m.u64(path);
    const byteInCount = m.u64(path);
    const durationSec = m.u32(path);
    const durationNsec = m.u32(path);
    const bandStats: Of13MeterStats["bandStats"] = [];
    while (m.pos < m.end) {
      const packetBandCount = m.u64("multipart_reply.meter[].bandStats");
      const byteBandCount = m.u64("multipart_reply.meter[].bandStats");
      bandStats.push({ packetBandCount, byteBandCount });
    }
    out.push({
      meterId,
      flowCount,
      packetInCount,
      byteInCount,
      durationSec,
      durationNsec,
      bandStats,
    });
  }
  return out;
}

/** Writes the entries of a METER stats reply. */
export function encodeMeterStats(w: Writer, entries: readonly Of13MeterStats[]): void {
  if (!Array.isArray(entries)) {
    throw new OfpEncodeError("Expected an array of meter stats", "multipart_reply.meter");
  }
  for (const m of entries as Of13MeterStats[]) {
    const start = w.pos;
    w.u32(m.meterId, "multipart_reply.meter[].meterId");
    w.u16(0, "multipart_reply.meter[].len");
    w.zeros(6);
    w.u32(m.flowCount, "multipart_reply.meter[].flowCount");
    w.u64(m.packetInCount, "multipart_reply.meter[].packetInCount");
    w.u64(m.byteInCount, "multipart_reply.meter[].byteInCount");
    w.u32(m.durationSec, "multipart_reply.meter[].durationSec");
    w.u32(m.durationNsec, "multipart_reply.meter[].durationNsec");
    if (!Array.isArray(m.bandStats)) {
      throw new OfpEncodeError(
        "Expected an array of band counters",
        "multipart_reply.meter[].bandStats",
      );
    }
    for (const b of m.bandStats) {
      w.u64(b.packetBandCount, "multipart_reply.meter[].bandStats[].packetBandCount");
      w.u64(b.byteBandCount, "multipart_reply.meter[].bandStats[].byteBandCount");
    }
    w.patchLength16(start + 4, start, "multipart_reply.meter[].len");
  }
}

/** Reads the entries of a METER_CONFIG reply. */
export function decodeMeterConfigs(r: Reader): Of13MeterConfig[] {
  const out: Of13MeterConfig[] = [];
  while (r.pos < r.end) {
    const at = r.pos;
    const len = r.u16("multipart_reply.meter_config[].length");
    if (len < METER_CONFIG_LEN) {
      r.fail(
        `Meter config length ${len} is below its ${METER_CONFIG_LEN}-byte header`,
        "multipart_reply.meter_config[].length",
        at,
      );
    }
    const m = r.sub(len - 2, "multipart_reply.meter_config[].length");
    const flags = m.u16("multipart_reply.meter_config[].flags");
    const meterId = m.u32("multipart_reply.meter_config[].meterId");
    out.push({ flags, meterId, bands: decodeBands(m, METER_CONFIG_BANDS) });
  }
  return out;
}

/** Writes the entries of a METER_CONFIG reply. */
export function encodeMeterConfigs(w: Writer, entries: readonly Of13MeterConfig[]): void {
  if (!Array.isArray(entries)) {
    throw new OfpEncodeError("Expected an array of meter configs", "multipart_reply.meter_config");
  }
  for (const m of entries as Of13MeterConfig[]) {
    const start = w.pos;
    w.u16(0, "multipart_reply.meter_config[].length");
    w.u16(m.flags, "multipart_reply.meter_config[].flags");
    w.u32(m.meterId, "multipart_reply.meter_config[].meterId");
    encodeBands(w, m.bands, METER_CONFIG_BANDS);
    w.patchLength16(start, start, "multipart_reply.meter_config[].length");
  }
}

type MeterFeatures = Omit<Of13MeterFeaturesBody, "type">;

/** Reads the METER_FEATURES reply body (16 bytes). */
export function decodeMeterFeatures(r: Reader): MeterFeatures {
  return readLayout<MeterFeatures>(r, METER_FEATURES, "multipart_reply.meter_features");
}

/** Writes the METER_FEATURES reply body. */
export function encodeMeterFeatures(w: Writer, body: MeterFeatures): void {
  writeLayout(w, METER_FEATURES, body, "multipart_reply.meter_features");
}
