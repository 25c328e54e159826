// The status dumps, like OFTest's `show()`: of one connection, and of a Controller.
import type { Connection } from "./_connection.ts";
import type { CounterSnapshot } from "./counters.ts";
import type { SwitchConnection } from "./switch_connection.ts";
import type { Address } from "./transport.ts";

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

/** What a Controller's status dump shows. */
export interface ControllerState {
  readonly closed: boolean;
  readonly addresses: readonly Address[];
  readonly dialing: Address | undefined;
  readonly versions: readonly number[];
  readonly counters: CounterSnapshot;
  readonly connections: readonly Connection[];
  readonly primary: SwitchConnection | undefined;
}

/** Several lines: addresses, versions, totals, then every connection's dump. */
export function controllerStatus(s: ControllerState): string {
  const t = s.counters;
  const listening = s.addresses.map((a) => `${a.hostname}:${a.port}`).join(", ");
  const dial = s.dialing ? `, dialing ${s.dialing.hostname}:${s.dialing.port}` : "";
  return [
    `Controller: ${s.closed ? "closed" : "open"}, listening on ${listening || "nothing"}${dial}`,
    `  versions ${s.versions.join(", ")}, connections ${s.connections.length}, primary ${
      s.primary?.id ?? "none"
    }`,
    `  totals: received ${t.received}, handled ${t.handled}, queued ${t.queued}, expired ${t.expired}, parse errors ${t.parseErrors}, socket errors ${t.socketErrors}, packet-ins ${t.packetIns} (dropped ${t.packetInsDropped}), late replies ${t.lateReplies}, bytes in ${t.bytesIn}, out ${t.bytesOut}`,
    ...s.connections.map(connectionStatus),
  ].join("\n");
}
