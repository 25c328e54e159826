/**
 * @oftest/oftest: an OpenFlow switch-test framework for Deno.
 *
 * - The {@linkcode Controller} owns the control channel to one or many switches under test
 *   (listen or dial, TCP or mutual TLS), negotiates the version, answers keep-alives, runs
 *   any number of concurrent transactions, and queues what the test has not consumed.
 * - The codec (`decode`, `encode`, every OpenFlow 1.0 and 1.3 message) is re-exported here
 *   and available on its own at `@oftest/oftest/ofp`.
 *
 * @example
 * ```ts ignore
 * import { Controller } from "@oftest/oftest";
 *
 * await using controller = new Controller({ listen: { hostname: "127.0.0.1", port: 6653 } });
 * const sw = await controller.connect({ timeout: 10_000 });
 * console.log(`datapath ${sw.datapathId} speaks OpenFlow version ${sw.version}`);
 * await sw.barrier();
 * ```
 *
 * @module
 */
export {
  ConnectionClosedError,
  Controller,
  HandshakeError,
  hexdump,
  MultipartLimitError,
  SwitchError,
  TransactionTimeoutError,
  WaitTimeoutError,
} from "./src/controller/mod.ts";
export type {
  Address,
  ConnectionClosedErrorOptions,
  ConnectionInfo,
  ConnectionState,
  ControllerOptions,
  CounterSnapshot,
  Handler,
  HandshakeErrorOptions,
  HandshakeFailure,
  HexdumpOptions,
  MalformedPolicy,
  MessageFilter,
  MessageOfType,
  MultipartLimitErrorOptions,
  MultipartOptions,
  ReplyTo,
  ReplyTypeOf,
  RetryOptions,
  SwitchConnection,
  SwitchErrorOptions,
  TapListener,
  TimeoutOptions,
  TlsOptions,
  TransactionTimeoutErrorOptions,
  Transport,
  TransportEvents,
  TransportTls,
} from "./src/controller/mod.ts";
export * from "./src/ofp/mod.ts";
