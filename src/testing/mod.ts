/**
 * Switch tests: declare them with {@linkcode switchTest} and run them with `deno test` or the
 * suite runner (`deno task suite`). Each test gets a context on a switch session shared by the
 * run and reset before the test: the connection, the data plane, and OFTest's helpers
 * (`verifyPackets`, `verifyPacketIn`, `install`, `barrier` that fails on switch errors,
 * stats, port configuration). Targets: a local Open vSwitch, the embedded reference switch,
 * or your switch with a tester switch wired to its ports (`OFTEST_TARGET`, `chooseTarget`).
 * Also here: the fixtures underneath (`OvsSwitch`, `DataPlane` and its links, `makeTestPki`,
 * `MemoryTransport`) and OFTest's `simpleTcpPacket` & co.
 *
 * @example
 * ```ts ignore
 * import { of13 } from "@oftest/oftest/ofp";
 * import { simpleUdpPacket, switchTest } from "@oftest/oftest/testing";
 *
 * switchTest("rewrite the UDP port", { version: 4, ports: 2 }, async (t) => {
 *   const [a, b] = t.ports;
 *   await t.install(of13.flowMod({
 *     match: of13.match({ in_port: a, eth_type: 0x0800, ip_proto: 17 }),
 *     instructions: [of13.applyActions([of13.setField("udp_dst", 5353), of13.output(b)])],
 *   }));
 *   await t.send(a, simpleUdpPacket({ udpDport: 53 }));
 *   await t.verifyPackets(simpleUdpPacket({ udpDport: 5353 }), [b]);
 * });
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
