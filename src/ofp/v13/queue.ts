// Queues of QUEUE_GET_CONFIG_REPLY: `ofp_packet_queue` and its properties.

import type { Reader } from "../_reader.ts";
import type { Writer } from "../_writer.ts";
import { OfpEncodeError } from "../errors.ts";
import { OFPQT } from "./constants.ts";
import type { Of13PacketQueue, Of13QueueProp } from "./types.ts";

/** `ofp_packet_queue` before its properties: queue_id, port, len, pad[6]. */
const QUEUE_LEN = 16;
/** `ofp_queue_prop_header`: property, len, pad[4]. */
const PROP_HEADER_LEN = 8;
/** MIN_RATE and MAX_RATE properties; the fixed part of an EXPERIMENTER one. */
const PROP_LEN = 16;

const P = {
  queues: "queue_get_config_reply.queues",
  queueId: "queue_get_config_reply.queues[].queueId",
  port: "queue_get_config_reply.queues[].port",
  len: "queue_get_config_reply.queues[].len",
  padding: "queue_get_config_reply.queues[].padding",
  properties: "queue_get_config_reply.queues[].properties",
  propType: "queue_get_config_reply.queues[].properties[].property",
  propLen: "queue_get_config_reply.queues[].properties[].len",
  propPadding: "queue_get_config_reply.queues[].properties[].padding",
  rate: "queue_get_config_reply.queues[].properties[].rate",
  experimenter: "queue_get_config_reply.queues[].properties[].experimenter",
  data: "queue_get_config_reply.queues[].properties[].data",
} as const;

/** Reads `ofp_packet_queue`s until `r` is exhausted. */
export function decodeQueues(r: Reader): Of13PacketQueue[] {
  const out: Of13PacketQueue[] = [];
  while (r.pos < r.end) {
    const queueId = r.u32(P.queueId);
    const port = r.u32(P.port);
    const at = r.pos;
    const len = r.u16(P.len);
    if (len < QUEUE_LEN) {
      r.fail(`Queue length ${len} is below its ${QUEUE_LEN}-byte header`, P.len, at);
    }
    r.skip(6, P.padding);
    const q = r.sub(len - QUEUE_LEN, P.len);
    out.push({ queueId, port, properties: decodeQueueProps(q) });
  }
  return out;
}

function decodeQueueProps(q: Reader): Of13QueueProp[] {
  const properties: Of13QueueProp[] = [];
  while (q.pos < q.end) {
    const at = q.pos;
    const property = q.u16(P.propType);
    const len = q.u16(P.propLen);
    const known = property === OFPQT.MIN_RATE || property === OFPQT.MAX_RATE ||
      property === OFPQT.EXPERIMENTER;
    const min = known ? PROP_LEN : PROP_HEADER_LEN;
    if (len < min) q.fail(`Queue property length ${len} is below ${min}`, P.propLen, at + 2);
    const p = q.sub(len - 4, P.propLen);
    p.skip(4, P.propPadding);
    if (property === OFPQT.MIN_RATE || property === OFPQT.MAX_RATE) {
      if (len !== PROP_LEN) {
        q.fail(`Rate property length ${len}, expected ${PROP_LEN}`, P.propLen, at + 2);
      }
      const rate = p.u16(P.rate);
      p.skip(6, P.propPadding);
      properties.push({ type: property === OFPQT.MIN_RATE ? "MIN_RATE" : "MAX_RATE", rate });
    } else if (property === OFPQT.EXPERIMENTER) {
      const experimenter = p.u32(P.experimenter);
      p.skip(4, P.propPadding);
      properties.push({
        type: "EXPERIMENTER",
        experimenter,
        data: p.bytesView(p.remaining, P.data),
      });
    } else {
      properties.push({ type: "UNKNOWN", property, data: p.bytesView(p.remaining, P.data) });
    }
  }
  return properties;
}

/** Writes `ofp_packet_queue`s, computing every length. */
export function encodeQueues(w: Writer, queues: readonly Of13PacketQueue[]): void {
  if (!Array.isArray(queues)) throw new OfpEncodeError("Expected an array of queues", P.queues);
  for (const q of queues as Of13PacketQueue[]) {
    if (q === null || typeof q !== "object") {
      throw new OfpEncodeError("Expected a queue object", P.queues);
    }
    const start = w.pos;
    w.u32(q.queueId, P.queueId);
    w.u32(q.port, P.port);
    w.u16(0, P.len);
    w.zeros(6);
    if (!Array.isArray(q.properties)) {
      throw new OfpEncodeError("Expected an array of queue properties", P.properties);
    }
    for (const p of q.properties) encodeQueueProp(w, p);
    w.patchLength16(start + 8, start, P.len);
  }
}

function encodeQueueProp(w: Writer, p: Of13QueueProp): void {
  const start = w.pos;
  const type = p?.type === "UNKNOWN"
    ? p.property
    : p !== null && typeof p === "object" && Object.hasOwn(OFPQT, p.type)
    ? OFPQT[p.type]
    : undefined;
  if (type === undefined) {
    throw new OfpEncodeError(`Unknown queue property ${String(p?.type)}`, P.propType);
  }
  w.u16(type, P.propType);
  w.u16(0, P.propLen);
  w.zeros(4);
  switch (p.type) {
    case "MIN_RATE":
    case "MAX_RATE":
      w.u16(p.rate, P.rate);
      w.zeros(6);
      break;
    case "EXPERIMENTER":
      w.u32(p.experimenter, P.experimenter);
      w.zeros(4);
      w.bytes(p.data, P.data);
      break;
    default:
      w.bytes(p.data, P.data);
  }
  w.patchLength16(start + 2, start, P.propLen);
}
