/**
 * Helpers for testing real switches: an isolated Open vSwitch to test against, its data
 * plane, test frames, and certificates for TLS.
 *
 * @example
 * ```ts ignore
 * import { Controller } from "@oftest/oftest";
 * import { DataPlane, OvsSwitch, simpleTcpPacket } from "@oftest/oftest/testing";
 *
 * await using controller = new Controller({ listen: { hostname: "127.0.0.1", port: 0 } });
 * const [{ port }] = await controller.listening;
 * await using ovs = await OvsSwitch.start({ bridges: [{ controller: `tcp:127.0.0.1:${port}` }] });
 * const sw = await controller.connect({ timeout: 5000 });
 * await using dp = await DataPlane.open(ovs.bridge());
 * await dp.send(1, simpleTcpPacket());
 * ```
 *
 * @module
 */
export { OvsSwitch } from "./ovs.ts";
export type {
  OvsBridge,
  OvsBridgeOptions,
  OvsProtocol,
  OvsSslOptions,
  OvsSwitchOptions,
} from "./ovs.ts";
export { DataPlane, DataPlaneAssertionError } from "./dataplane.ts";
export type {
  DataPlaneAssertionErrorOptions,
  DataPlaneFrame,
  DataPlaneOptions,
  DataPlanePollOptions,
  DataPlaneRecord,
} from "./dataplane.ts";
export type { FrameLink, FrameReceiver } from "./frame_link.ts";
export { OvsPortLink } from "./ovs_port_link.ts";
export { TesterLink } from "./tester_link.ts";
export type { TesterLinkOptions } from "./tester_link.ts";
export { switchTest } from "./switch_test.ts";
export type { SwitchTestFn, SwitchTestOptions } from "./switch_test.ts";
export { SwitchTestContext } from "./context.ts";
export type { FlowStatsOf, HelperTimeouts } from "./context.ts";
export { SwitchAssertionError } from "./assertion.ts";
export type { SwitchAssertionErrorOptions } from "./assertion.ts";
export { SwitchSession } from "./session.ts";
export type { SessionInfo, SessionOptions, SessionVersion } from "./session.ts";
export { parsePortMap, parseTarget } from "./target.ts";
export type {
  ConnectTargetSpec,
  EmbeddedTargetSpec,
  ListenTargetSpec,
  OvsTargetSpec,
  PortMap,
  TargetKind,
  TargetReason,
  TargetSpec,
  TesterSpec,
} from "./target.ts";
export { chooseTarget, targetFromEnvironment } from "./target_choice.ts";
export type { TargetChoice } from "./target_choice.ts";
export { packetInMismatch } from "./packet_in.ts";
export type { PacketIn, PacketInExpectation } from "./packet_in.ts";
export {
  aggregateStats,
  flowStats,
  groupDesc,
  groupStats,
  meterConfig,
  meterStats,
  portDesc,
  portStats,
  queueStats,
  statsEntries,
  tableStats,
} from "./stats.ts";
export type {
  AggregateStats,
  FlowFilter,
  FlowStatsEntry,
  PortDescEntry,
  PortStatsEntry,
  QueueStatsEntry,
  TableStatsEntry,
} from "./stats.ts";
export { portConfig, setPortConfig } from "./port_config.ts";
export { OvsCommandError, OvsConfigError, OvsNotFoundError } from "./errors.ts";
export { makeTestPki } from "./certs.ts";
export { MemoryTransport } from "./memory_transport.ts";
export type { MemoryPeer } from "./memory_transport.ts";
export type { TestIdentity, TestPki } from "./certs.ts";
// The test frames live in @oftest/oftest/packet; re-exported here for existing imports.
export {
  simpleArpPacket,
  simpleEthPacket,
  simpleIcmpPacket,
  simpleIcmpv6Packet,
  simpleIpv4Packet,
  simpleSctpPacket,
  simpleTcpPacket,
  simpleTcpv6Packet,
  simpleUdpPacket,
  simpleUdpv6Packet,
} from "../packet/mod.ts";
export type { MplsTag, PacketOptions, VlanTag } from "../packet/mod.ts";
