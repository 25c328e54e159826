// The status dump of one connection, like OFTest's `show()`.
import type { Connection } from "./_connection.ts";

/** Several lines: addresses, handshake state, queue, pending work and counters. */
export function connectionStatus(c: Connection): string {
  const n = c.counters;
  const dpid = c.datapathId === undefined
    ? "unknown"
    : `0x${c.datapathId.toString(16).padStart(16, "0")}`;
  const route = `${c.remote.hostname}:${c.remote.port} -> ${c.local.hostname}:${c.local.port}`;
  return [
    `Switch connection ${c.id}: ${route}${c.tls ? " (TLS)" : ""}`,
    `  state ${c.state}, OpenFlow version ${c.version || "not negotiated"}, datapath id ${dpid}`,
    `  queue ${c.queueLength}/${c.settings.maxQueue}, pending transactions ${c.tx.size}, pollers ${c.pollers.size}, handlers ${c.dispatcher.own.size}, keep-alive ${c.settings.keepAlive}`,
    `  received ${n.received}, handled ${n.handled}, queued ${n.queued}, expired ${n.expired}, parse errors ${n.parseErrors}, socket errors ${n.socketErrors}`,
    `  packet-ins ${n.packetIns}, dropped by limiter ${n.packetInsDropped}, late replies ${n.lateReplies}, bytes in ${n.bytesIn}, bytes out ${n.bytesOut}`,
    ...(c.closeReason ? [`  closed: ${c.closeReason.message}`] : []),
  ].join("\n");
}
