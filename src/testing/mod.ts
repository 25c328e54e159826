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
export type { DataPlaneFrame, DataPlaneOptions, DataPlanePollOptions } from "./dataplane.ts";
export { OvsCommandError, OvsConfigError, OvsNotFoundError } from "./errors.ts";
export { makeTestPki } from "./certs.ts";
export { MemoryTransport } from "./memory_transport.ts";
export type { MemoryPeer } from "./memory_transport.ts";
export type { TestIdentity, TestPki } from "./certs.ts";
export {
  simpleArpPacket,
  simpleEthPacket,
  simpleIcmpPacket,
  simpleIcmpv6Packet,
  simpleTcpPacket,
  simpleTcpv6Packet,
  simpleUdpPacket,
  simpleUdpv6Packet,
} from "./packets.ts";
export type { PacketOptions } from "./packets.ts";
