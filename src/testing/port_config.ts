/**
 * Port configuration, read and written (OFTest's `port_config_get` / `port_config_set`).
 *
 * @module
 */
import type { SwitchConnection } from "../controller/mod.ts";
import { of10, of13 } from "../ofp/mod.ts";
import { portDesc, type PortDescEntry } from "./stats.ts";

/**
 * A port's description as the switch reports it.
 *
 * @param conn The switch (1.0 or 1.3).
 * @param port The port number.
 * @returns Its description (`config`, `state`, `hwAddr`, ...).
 * @throws {RangeError} If the switch has no such port.
 * @throws {SwitchError} If the switch refuses the request.
 */
export async function portConfig(conn: SwitchConnection, port: number): Promise<PortDescEntry> {
  const found = (await portDesc(conn)).find((p) => p.portNo === port);
  if (!found) throw new RangeError(`The switch has no port ${port}`);
  return found;
}

/**
 * Sets configuration bits of a port with PORT_MOD (its hardware address read first, as the
 * spec requires), then waits for a barrier.
 *
 * @param conn The switch (1.0 or 1.3).
 * @param port The port number.
 * @param config The new values of the bits in `mask` (`OFPPC`: PORT_DOWN 1, NO_RECV 4,
 * NO_FWD 0x20, NO_PACKET_IN 0x40).
 * @param mask Which bits to change.
 * @throws {RangeError} If the switch has no such port.
 * @throws {SwitchError} If the switch refuses the PORT_MOD.
 */
export async function setPortConfig(
  conn: SwitchConnection,
  port: number,
  config: number,
  mask: number,
): Promise<void> {
  const { hwAddr } = await portConfig(conn, port);
  const fields = { portNo: port, hwAddr, config, mask };
  conn.send(conn.version === 4 ? of13.portMod(fields) : of10.portMod(fields));
  await conn.barrier();
}
