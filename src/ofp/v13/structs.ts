// OpenFlow 1.3 sub-structures shared by several messages: ports, group buckets, meter
// bands, queue properties.
import type { Reader } from "../_reader.ts";
import type { Writer } from "../_writer.ts";
import { layout, readLayout, writeLayout } from "../_layout.ts";
import { OfpEncodeError } from "../errors.ts";
import { decodeActions, encodeActions } from "./actions.ts";
import { OFPMBT, OFPQT } from "./constants.ts";
import type {
  Of13Bucket,
  Of13MeterBand,
  Of13PacketQueue,
  Of13Port,
  Of13QueueProp,
} from "./types.ts";

/** `ofp_port`, 64 bytes. */
export const PORT = layout(
  ["portNo", "u32"],
  4,
  ["hwAddr", "mac"],
  2,
  ["name", { str: 16 }],
  ["config", "u32"],
  ["state", "u32"],
  ["curr", "u32"],
  ["advertised", "u32"],
  ["supported", "u32"],
  ["peer", "u32"],
  ["currSpeed", "u32"],
  ["maxSpeed", "u32"],
);

/** Reads ports until `r` is exhausted. */
export function decodePorts(r: Reader, path: string): Of13Port[] {
  const out: Of13Port[] = [];
  while (r.pos < r.end) out.push(readLayout<Of13Port>(r, PORT, path));
  return out;
}

/** Writes ports. */
export function encodePorts(w: Writer, ports: readonly Of13Port[], path: string): void {
  for (const p of ports) writeLayout(w, PORT, p, path);
}

/** Reads buckets until `r` is exhausted. */
export function decodeBuckets(r: Reader, path: string): Of13Bucket[] {
  const out: Of13Bucket[] = [];
  while (r.pos < r.end) {
    const at = r.pos;
    const len = r.u16(path);
    if (len < 16) r.fail(`Bucket length ${len} is below its 16-byte header`, path, at);
    const b = r.sub(len - 2, path);
    const weight = b.u16(path);
    const watchPort = b.u32(path);
    const watchGroup = b.u32(path);
    b.skip(4, path);
    out.push({ weight, watchPort, watchGroup, actions: decodeActions(b, `${path}.actions`) });
  }
  return out;
}

/** Writes buckets. */
export function encodeBuckets(w: Writer, buckets: readonly Of13Bucket[], path: string): void {
  if (!Array.isArray(buckets)) throw new OfpEncodeError("Expected an array of buckets", path);
  for (const b of buckets as Of13Bucket[]) {
    const start = w.pos;
    w.u16(0, path);
    w.u16(b.weight ?? 0, `${path}.weight`);
    w.u32(b.watchPort, `${path}.watchPort`);
    w.u32(b.watchGroup, `${path}.watchGroup`);
    w.zeros(4);
    encodeActions(w, b.actions, `${path}.actions`);
    w.patchLength16(start, start, `${path}.length`);
  }
}

/** Reads meter bands until `r` is exhausted. */
export function decodeBands(r: Reader, path: string): Of13MeterBand[] {
  const out: Of13MeterBand[] = [];
  while (r.pos < r.end) {
    const at = r.pos;
    const type = r.u16(path);
    const len = r.u16(path);
    if (len < 16) r.fail(`Meter band length ${len} is below 16`, path, at + 2);
    const b = r.sub(len - 4, path);
    const rate = b.u32(path);
    const burstSize = b.u32(path);
    if (type === OFPMBT.DROP) {
      if (len !== 16) r.fail(`DROP band length ${len}, expected 16`, path, at + 2);
      out.push({ type: "DROP", rate, burstSize });
    } else if (type === OFPMBT.DSCP_REMARK) {
      if (len !== 16) r.fail(`DSCP_REMARK band length ${len}, expected 16`, path, at + 2);
      out.push({ type: "DSCP_REMARK", rate, burstSize, precLevel: b.u8(path) });
    } else if (type === OFPMBT.EXPERIMENTER) {
      const experimenter = b.u32(path);
      out.push({
        type: "EXPERIMENTER",
        rate,
        burstSize,
        experimenter,
        data: b.bytesView(b.remaining, path),
      });
    } else {
      out.push({
        type: "UNKNOWN",
        bandType: type,
        rate,
        burstSize,
        data: b.bytesView(b.remaining, path),
      });
    }
  }
  return out;
}

/** Writes meter bands. */
export function encodeBands(w: Writer, bands: readonly Of13MeterBand[], path: string): void {
  if (!Array.isArray(bands)) throw new OfpEncodeError("Expected an array of meter bands", path);
  for (const band of bands as Of13MeterBand[]) {
    const start = w.pos;
    const type = band.type === "UNKNOWN" ? band.bandType : OFPMBT[band.type];
    if (type === undefined) {
      throw new OfpEncodeError(`Unknown meter band type ${String(band.type)}`, `${path}.type`);
    }
    w.u16(type, `${path}.type`);
    w.u16(0, path);
    w.u32(band.rate, `${path}.rate`);
    w.u32(band.burstSize, `${path}.burstSize`);
    if (band.type === "DSCP_REMARK") {
      w.u8(band.precLevel, `${path}.precLevel`);
      w.zeros(3);
    } else if (band.type === "DROP") {
      w.zeros(4);
    } else if (band.type === "EXPERIMENTER") {
      w.u32(band.experimenter, `${path}.experimenter`);
      w.bytes(band.data, `${path}.data`);
    } else {
      w.bytes(band.data, `${path}.data`);
    }
    w.patchLength16(start + 2, start, `${path}.length`);
  }
}

/** Reads `ofp_packet_queue`s until `r` is exhausted. */
export function decodeQueues(r: Reader, path: string): Of13PacketQueue[] {
  const out: Of13PacketQueue[] = [];
  while (r.pos < r.end) {
    const at = r.pos;
    const queueId = r.u32(path);
    const port = r.u32(path);
    const len = r.u16(path);
    if (len < 16) r.fail(`Queue length ${len} is below its 16-byte header`, path, at + 8);
    r.skip(6, path);
    const q = r.sub(len - 16, path);
    const properties: Of13QueueProp[] = [];
    while (q.pos < q.end) {
      const pat = q.pos;
      const property = q.u16(path);
      const plen = q.u16(path);
      if (plen < 8) q.fail(`Queue property length ${plen} is below 8`, path, pat + 2);
      const p = q.sub(plen - 4, path);
      p.skip(4, path);
      if (property === OFPQT.MIN_RATE || property === OFPQT.MAX_RATE) {
        if (plen !== 16) q.fail(`Rate property length ${plen}, expected 16`, path, pat + 2);
        properties.push({
          type: property === OFPQT.MIN_RATE ? "MIN_RATE" : "MAX_RATE",
          rate: p.u16(path),
        });
      } else if (property === OFPQT.EXPERIMENTER) {
        const experimenter = p.u32(path);
        p.skip(4, path);
        properties.push({
          type: "EXPERIMENTER",
          experimenter,
          data: p.bytesView(p.remaining, path),
        });
      } else {
        properties.push({ type: "UNKNOWN", property, data: p.bytesView(p.remaining, path) });
      }
    }
    out.push({ queueId, port, properties });
  }
  return out;
}

/** Writes `ofp_packet_queue`s. */
export function encodeQueues(w: Writer, queues: readonly Of13PacketQueue[], path: string): void {
  if (!Array.isArray(queues)) throw new OfpEncodeError("Expected an array of queues", path);
  for (const q of queues as Of13PacketQueue[]) {
    const start = w.pos;
    w.u32(q.queueId, `${path}.queueId`);
    w.u32(q.port, `${path}.port`);
    w.u16(0, path);
    w.zeros(6);
    for (const p of q.properties) {
      const pstart = w.pos;
      const type = p.type === "UNKNOWN" ? p.property : OFPQT[p.type];
      if (type === undefined) {
        throw new OfpEncodeError(`Unknown queue property ${String(p.type)}`, `${path}.properties`);
      }
      w.u16(type, `${path}.properties.type`);
      w.u16(0, path);
      w.zeros(4);
      switch (p.type) {
        case "MIN_RATE":
        case "MAX_RATE":
          w.u16(p.rate, `${path}.properties.rate`);
          w.zeros(6);
          break;
        case "EXPERIMENTER":
          w.u32(p.experimenter, `${path}.properties.experimenter`);
          w.zeros(4);
          w.bytes(p.data, `${path}.properties.data`);
          break;
        default:
          w.bytes(p.data, `${path}.properties.data`);
      }
      w.patchLength16(pstart + 2, pstart, `${path}.properties.length`);
    }
    w.patchLength16(start + 8, start, `${path}.length`);
  }
}
