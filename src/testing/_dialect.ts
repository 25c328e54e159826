// The few messages the framework itself sends, per OpenFlow version: one place where the
// helpers' version differences live.
import { of10, of13 } from "../ofp/mod.ts";
import type { OfpMessage } from "../ofp/mod.ts";

/** Version-specific builders and readers used by the framework. @internal */
export interface Dialect {
  /** Wire version. */
  readonly version: 1 | 4;
  /** FLOW_MOD deleting every flow of every table. */
  deleteAllFlows(): OfpMessage;
  /** GROUP_MOD deleting every group (1.3), or undefined. */
  deleteAllGroups(): OfpMessage | undefined;
  /** METER_MOD deleting every meter (1.3), or undefined. */
  deleteAllMeters(): OfpMessage | undefined;
  /** A lowest-priority flow sending every frame, whole, to the controller. */
  everythingToController(priority?: number): OfpMessage;
  /** SET_CONFIG asking for whole frames in table-miss packet-ins. */
  wholeFramesToController(): OfpMessage;
  /** PACKET_OUT of `frame` through `port`. */
  packetOut(port: number, frame: Uint8Array): OfpMessage;
  /** The ingress port of a packet-in. */
  inPortOf(packetIn: OfpMessage): number | undefined;
}

const NO_BUFFER_MAX_LEN = 0xffff;

const V10: Dialect = {
  version: 1,
  deleteAllFlows: () => of10.flowDeleteAll(),
  deleteAllGroups: () => undefined,
  deleteAllMeters: () => undefined,
  everythingToController: (priority = 0) =>
    of10.flowMod({ priority, actions: [of10.output(of10.OFPP.CONTROLLER, NO_BUFFER_MAX_LEN)] }),
  wholeFramesToController: () => of10.setConfig(of10.OFPC_FRAG.NORMAL, NO_BUFFER_MAX_LEN),
  packetOut: (port, frame) => of10.packetOut({ actions: [of10.output(port)], data: frame }),
  inPortOf: (msg) => msg.type === "PACKET_IN" && msg.version === 1 ? msg.inPort : undefined,
};

const V13: Dialect = {
  version: 4,
  deleteAllFlows: () => of13.flowDeleteAll(),
  deleteAllGroups: () => of13.groupMod({ command: of13.OFPGC.DELETE, groupId: of13.OFPG.ALL }),
  deleteAllMeters: () => of13.meterMod({ command: of13.OFPMC.DELETE, meterId: of13.OFPM.ALL }),
  everythingToController: (priority = 0) =>
    of13.flowMod({
      priority,
      instructions: [
        of13.applyActions([of13.output(of13.OFPP.CONTROLLER, of13.OFPCML.NO_BUFFER)]),
      ],
    }),
  wholeFramesToController: () => of13.setConfig(of13.OFPC_FRAG.NORMAL, of13.OFPCML.NO_BUFFER),
  packetOut: (port, frame) => of13.packetOut({ actions: [of13.output(port)], data: frame }),
  inPortOf: (msg) => {
    if (msg.type !== "PACKET_IN" || msg.version !== 4) return undefined;
    for (const tlv of msg.match) {
      if ("field" in tlv && tlv.field === "in_port" && "value" in tlv) return Number(tlv.value);
    }
    return undefined;
  },
};

/** The dialect of a negotiated version. @internal */
export function dialectOf(version: number): Dialect {
  if (version === 1) return V10;
  if (version === 4) return V13;
  throw new RangeError(`Expected OpenFlow version 1 (1.0) or 4 (1.3), got ${version}`);
}
