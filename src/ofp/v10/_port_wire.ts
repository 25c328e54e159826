// The wire form of OpenFlow 1.0 ports (`ofp_phy_port`): decoding and encoding, for the codec.
import type { Reader } from "../_reader.ts";
import type { Writer } from "../_writer.ts";
import { OfpEncodeError } from "../errors.ts";
import { macText, writeMac } from "../_addresses.ts";
import { readFixedString, writeFixedString } from "../_fixed_string.ts";
import { atField } from "./_fields.ts";
import { OFP_PHY_PORT_LEN } from "./port.ts";
import type { Of10PhyPort } from "./types.ts";

/** Length of `ofp_phy_port.name` (`OFP_MAX_PORT_NAME_LEN`). */
const NAME_LEN = 16;

/** Reads one `ofp_phy_port` (hot: every port of a features reply). @internal */
export function decodePhyPort(r: Reader, path: string): Of10PhyPort {
  if (r.pos + OFP_PHY_PORT_LEN > r.end) r.need(OFP_PHY_PORT_LEN, path);
  const v = r.view, p = r.pos;
  const portNo = v.getUint16(p);
  const hwAddr = macText(r.bytes, p + 2);
  r.pos = p + 8;
  const name = readFixedString(r, NAME_LEN, path);
  r.pos = p + OFP_PHY_PORT_LEN;
  return {
    portNo,
    hwAddr,
    name,
    config: v.getUint32(p + 24),
    state: v.getUint32(p + 28),
    curr: v.getUint32(p + 32),
    advertised: v.getUint32(p + 36),
    supported: v.getUint32(p + 40),
    peer: v.getUint32(p + 44),
  };
}

/** Reads `ofp_phy_port`s until `r` is exhausted; the space must be a multiple of 48. @internal */
export function decodePhyPorts(r: Reader, path: string): Of10PhyPort[] {
  if (r.remaining % OFP_PHY_PORT_LEN !== 0) {
    r.fail(`Port list of ${r.remaining} bytes is not a multiple of ${OFP_PHY_PORT_LEN}`, path);
  }
  const out: Of10PhyPort[] = [];
  while (r.pos < r.end) out.push(decodePhyPort(r, path));
  return out;
}

/** Writes one `ofp_phy_port`. @internal */
export function encodePhyPort(w: Writer, port: Of10PhyPort, path: string): void {
  if (port === null || typeof port !== "object") {
    throw new OfpEncodeError(`Expected a port object, got ${String(port)}`, path);
  }
  let field = "portNo";
  try {
    w.u16(port.portNo, path);
    field = "hwAddr";
    writeMac(w, port.hwAddr, path);
    field = "name";
    writeFixedString(w, port.name, NAME_LEN, path);
    field = "config";
    w.u32(port.config, path);
    field = "state";
    w.u32(port.state, path);
    field = "curr";
    w.u32(port.curr, path);
    field = "advertised";
    w.u32(port.advertised, path);
    field = "supported";
    w.u32(port.supported, path);
    field = "peer";
    w.u32(port.peer, path);
  } catch (e) {
    throw atField(e, path, field);
  }
}

/** Writes a list of `ofp_phy_port`s. @internal */
export function encodePhyPorts(w: Writer, ports: readonly Of10PhyPort[], path: string): void {
  if (!Array.isArray(ports)) throw new OfpEncodeError("Expected an array of ports", path);
  for (const p of ports as Of10PhyPort[]) encodePhyPort(w, p, path);
}
