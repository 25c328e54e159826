/**
 * OpenFlow 1.0 `ofp_phy_port` (features reply, port status) and its builder.
 *
 * @module
 */

import type { Of10PhyPort } from "./types.ts";

/** Size of `ofp_phy_port` in bytes. */
export const OFP_PHY_PORT_LEN = 48;

/**
 * An `ofp_phy_port` with defaults: port 1, MAC 00:00:00:00:00:00, empty name, every
 * config, state and feature bitmap 0.
 *
 * @param fields The fields to set.
 * @returns The port.
 *
 * @example
 * ```ts
 * import { of10 } from "@oftest/oftest/ofp";
 *
 * const port = of10.phyPort({ portNo: 3, name: "eth3", curr: of10.OFPPF["1GB_FD"] | of10.OFPPF.COPPER });
 * of10.portStatus(of10.OFPPR.ADD, port);
 * ```
 */
export function phyPort(fields: Partial<Of10PhyPort> = {}): Of10PhyPort {
  return {
    portNo: 1,
    hwAddr: "00:00:00:00:00:00",
    name: "",
    config: 0,
    state: 0,
    curr: 0,
    advertised: 0,
    supported: 0,
    peer: 0,
    ...fields,
  };
}
