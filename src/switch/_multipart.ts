// Multipart (1.3) and stats (1.0) replies in parts: a list too long for one message is split
// so every part fits 64 KiB, and the multipartParts fault spreads any list over N parts.
import { encode, OfpEncodeError } from "../ofp/mod.ts";
import type { OfpMessage } from "../ofp/mod.ts";
import type { Channel } from "./_channel.ts";
import type { FlowEntry } from "./_flow_entry.ts";

const MORE = 1;

type Body = { type: string; entries?: unknown[] };

function message(ch: Channel, xid: number, body: Body, more: boolean): OfpMessage {
  const flags = more ? MORE : 0;
  return (ch.version === 4
    ? { version: 4, type: "MULTIPART_REPLY", xid, flags, body }
    : { version: 1, type: "STATS_REPLY", xid, flags, body }) as OfpMessage;
}

/** Splits a list body until each part encodes (the 16-bit length is the limit). */
function fit(ch: Channel, xid: number, body: Body): Body[] {
  try {
    encode(message(ch, xid, body, true));
    return [body];
  } catch (e) {
    const entries = body.entries;
    if (!(e instanceof OfpEncodeError) || !entries || entries.length < 2) throw e;
    const half = entries.length >> 1;
    return [
      ...fit(ch, xid, { ...body, entries: entries.slice(0, half) }),
      ...fit(ch, xid, { ...body, entries: entries.slice(half) }),
    ];
  }
}

/** Sends a multipart or stats reply in as many parts as it needs (or as the fault asks). */
export function replyParts(ch: Channel, xid: number, body: Body): void {
  let parts: Body[] = [body];
  const n = ch.faults.multipartParts;
  const entries = body.entries;
  if (n !== undefined && n > 1 && Array.isArray(entries)) {
    parts = Array.from({ length: n }, (_, i) => ({
      ...body,
      entries: entries.slice(
        Math.floor((i * entries.length) / n),
        Math.floor(((i + 1) * entries.length) / n),
      ),
    }));
  }
  parts = parts.flatMap((p) => fit(ch, xid, p));
  parts.forEach((p, i) => ch.reply(message(ch, xid, p, i < parts.length - 1)));
}

/** The DESC body (the same in 1.0 and 1.3) of the switch's description. */
export function descBody(d: Channel["host"]["desc"]): Body {
  return {
    type: "DESC",
    mfrDesc: d.mfr,
    hwDesc: d.hw,
    swDesc: d.sw,
    serialNum: d.serial,
    dpDesc: d.dp,
  } as never;
}

/** The AGGREGATE body (the same in 1.0 and 1.3) of the flows a request selected. */
export function aggregateBody(flows: readonly FlowEntry[]): Body {
  return {
    type: "AGGREGATE",
    packetCount: BigInt(flows.reduce((s, e) => s + e.packets, 0)),
    byteCount: BigInt(flows.reduce((s, e) => s + e.bytes, 0)),
    flowCount: flows.length,
  } as never;
}
