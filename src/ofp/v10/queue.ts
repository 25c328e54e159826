// OpenFlow 1.0 queue configuration: `ofp_packet_queue` and its properties.

import type { Reader } from "../_reader.ts";
import type { Writer } from "../_writer.ts";
import { OfpEncodeError } from "../errors.ts";
import { OFPQT } from "./constants.ts";
import type { Of10PacketQueue, Of10QueueProp } from "./types.ts";

// Static paths: no strings are built per item (a decode error's offset pinpoints the item).
const QUEUE = "queue_get_config_reply.queues[]";
const PROPS = "queue_get_config_reply.queues[].properties";
const QUEUE_ID = "queue_get_config_reply.queues[].queueId";
const QUEUE_LEN = "queue_get_config_reply.queues[].len";
const PROP_TYPE = "queue_get_config_reply.queues[].properties[].property";
const PROP_LEN = "queue_get_config_reply.queues[].properties[].len";
const PROP_RATE = "queue_get_config_reply.queues[].properties[].rate";
const PROP_DATA = "queue_get_config_reply.queues[].properties[].data";

function decodeProperties(q: Reader): Of10QueueProp[] {
  const properties: Of10QueueProp[] = [];
  while (q.pos < q.end) {
    const at = q.pos;
    const property = q.u16(PROP_TYPE);
    const len = q.u16(PROP_LEN);
    if (len < 8) {
      q.fail(`Queue property length ${len} is below its 8-byte header`, PROP_LEN, at + 2);
    }
    q.pos = at;
    const p = q.sub(len, PROP_LEN);
    p.pos = at + 8;
    if (property === OFPQT.MIN_RATE) {
      if (len !== 16) {
        q.fail(`Queue property MIN_RATE has length ${len}, expected 16`, PROP_LEN, at + 2);
      }
      properties.push({ type: "MIN_RATE", rate: p.u16(PROP_RATE) });
    } else if (property === OFPQT.NONE && len === 8) {
      properties.push({ type: "NONE" });
    } else {
      properties.push({
        type: "UNKNOWN",
        property,
        data: p.bytesView(p.remaining, PROP_DATA),
      });
    }
  }
  return properties;
}

/** Reads `ofp_packet_queue`s until `r` is exhausted. @internal */
export function decodeQueues(r: Reader): Of10PacketQueue[] {
  const out: Of10PacketQueue[] = [];
  while (r.pos < r.end) {
    const at = r.pos;
    const queueId = r.u32(QUEUE_ID);
    const len = r.u16(QUEUE_LEN);
    if (len < 8) r.fail(`Queue length ${len} is below its 8-byte header`, QUEUE_LEN, at + 4);
    r.pos = at;
    const q = r.sub(len, QUEUE_LEN);
    q.pos = at + 8;
    out.push({ queueId, properties: decodeProperties(q) });
  }
  return out;
}

/** Writes a list of `ofp_packet_queue`s, computing every length. @internal */
export function encodeQueues(w: Writer, queues: readonly Of10PacketQueue[]): void {
  if (!Array.isArray(queues)) {
    throw new OfpEncodeError("Expected an array of queues", "queue_get_config_reply.queues");
  }
  for (const q of queues as Of10PacketQueue[]) {
    if (q === null || typeof q !== "object") {
      throw new OfpEncodeError(`Expected a queue object, got ${String(q)}`, QUEUE);
    }
    if (!Array.isArray(q.properties)) {
      throw new OfpEncodeError("Expected an array of properties", PROPS);
    }
    const start = w.pos;
    w.u32(q.queueId, QUEUE_ID);
    w.u16(0, QUEUE_LEN);
    w.zeros(2);
    for (const p of q.properties) {
      const pstart = w.pos;
      switch (p?.type) {
        case "MIN_RATE":
          w.u16(OFPQT.MIN_RATE, PROP_TYPE);
          w.u16(16, PROP_LEN);
          w.zeros(4);
          w.u16(p.rate, PROP_RATE);
          w.zeros(6);
          break;
        case "NONE":
          w.u16(OFPQT.NONE, PROP_TYPE);
          w.u16(8, PROP_LEN);
          w.zeros(4);
          break;
        case "UNKNOWN":
          w.u16(p.property, PROP_TYPE);
          w.u16(0, PROP_LEN);
          w.zeros(4);
          w.bytes(p.data, PROP_DATA);
          w.patchLength16(pstart + 2, pstart, PROP_LEN);
          break;
        default:
          throw new OfpEncodeError(
            `Unknown queue property type ${String((p as { type?: unknown })?.type)}`,
            `${PROPS}[].type`,
          );
      }
    }
    w.patchLength16(start + 4, start, QUEUE_LEN);
  }
}
