/**
 * The Controller: a worker-owned OpenFlow control channel with OFTest's semantics —
 * handshake with version negotiation, handlers, a bounded poll queue, any number of
 * transactions, keep-alive, counters — for one switch or many, over TCP or mutual TLS.
 *
 * @example
 * ```ts ignore
 * import { Controller } from "@oftest/oftest";
 *
 * await using controller = new Controller({ listen: { hostname: "127.0.0.1", port: 6653 } });
 * const sw = await controller.connect();
 * await sw.barrier();
 * ```
 *
 * @module
 */
export { Controller, OFP_TCP_PORT } from "./controller.ts";
export type { ControllerOptions } from "./controller.ts";
export { SwitchConnection } from "./switch_connection.ts";
export type {
  ConnectionState,
  Handler,
  MalformedPolicy,
  TimeoutOptions,
} from "./switch_connection.ts";
export type { MessageFilter, MessageOfType } from "./poll_queue.ts";
export type { CounterSnapshot } from "./counters.ts";
export {
  ConnectionClosedError,
  HandshakeError,
  SwitchError,
  TransactionTimeoutError,
  WaitTimeoutError,
} from "./errors.ts";
export type {
  ConnectionClosedErrorOptions,
  HandshakeErrorOptions,
  HandshakeFailure,
  SwitchErrorOptions,
} from "./errors.ts";
export { hexdump } from "./hexdump.ts";
export type { HexdumpOptions } from "./hexdump.ts";
export { MemoryPeer, MemoryTransport } from "./memory_transport.ts";
export type {
  Address,
  ConnectionInfo,
  RetryOptions,
  TlsOptions,
  Transport,
  TransportEvents,
} from "./transport.ts";
