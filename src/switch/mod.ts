/**
 * The reference switch: an OpenFlow 1.0 and 1.3 switch written in TypeScript, to run the
 * framework's tests on a machine without Open vSwitch, to compare Open vSwitch against, and to
 * misbehave on command for a controller's own reliability tests.
 *
 * It speaks to controllers over TCP or mutual TLS, dialing or listening, and its data ports
 * are in memory, reached through the data plane's `FrameLink` seam.
 *
 * @example
 * ```ts ignore
 * import { Controller } from "@oftest/oftest";
 * import { of13 } from "@oftest/oftest/ofp";
 * import { ReferenceSwitch } from "@oftest/oftest/switch";
 *
 * await using controller = new Controller({ listen: { hostname: "127.0.0.1", port: 0 } });
 * const [{ port }] = await controller.listening;
 * await using sw = await ReferenceSwitch.start({ controller: `tcp:127.0.0.1:${port}`, ports: 2 });
 * const conn = await controller.connect();
 * conn.send(of13.flowMod({
 *   match: of13.match({ in_port: 1 }),
 *   instructions: [of13.applyActions([of13.output(2)])],
 * }));
 * await conn.barrier();
 * const link = sw.frameLink();
 * await link.open((port, frame) => console.log(`out of ${port}: ${frame.length} bytes`));
 * await link.send(1, new Uint8Array(60));
 * ```
 *
 * @module
 */
export { ReferenceSwitch } from "./reference_switch.ts";
export type { ReferenceSwitchOptions, SwitchDescription } from "./reference_switch.ts";
export type {
  ChannelCounters,
  ChannelRole,
  ChannelState,
  ControllerChannel,
} from "./controller_channel.ts";
export { checkFaults, MALFORMED_KINDS } from "./faults.ts";
export type { ClosePoint, Faults, FloodOptions, MalformedKind, PacketInFlood } from "./faults.ts";
export { parseTarget } from "./target.ts";
export type { Target } from "./target.ts";
export type { FrameLink, FrameReceiver } from "../testing/frame_link.ts";
