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
export { Controller } from "./controller.ts";
export { OFP_TCP_PORT } from "./options.ts";
export type { ControllerOptions } from "./options.ts";
export type {
  ConnectionState,
  Handler,
  MalformedPolicy,
  MultipartOptions,
  SwitchConnection,
  TapListener,
  TimeoutOptions,
} from "./switch_connection.ts";
export type { MessageFilter, MessageOfType } from "./poll_queue.ts";
export type { ReplyTo, ReplyTypeOf } from "./replies.ts";
export type { CounterSnapshot } from "./counters.ts";
export {
  ConnectionClosedError,
  HandshakeError,
  MultipartLimitError,
  SwitchError,
  TransactionTimeoutError,
  WaitTimeoutError,
} from "./errors.ts";
export type {
  ConnectionClosedErrorOptions,
  HandshakeErrorOptions,
  HandshakeFailure,
  MultipartLimitErrorOptions,
  SwitchErrorOptions,
  TransactionTimeoutErrorOptions,
} from "./errors.ts";
export { hexdump } from "./hexdump.ts";
export type { HexdumpOptions } from "./hexdump.ts";
export type {
  Address,
  ConnectionInfo,
  RetryOptions,
  TlsOptions,
  Transport,
  TransportEvents,
  TransportTls,
} from "./transport.ts";
