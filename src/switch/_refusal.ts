// What the switch refuses, named as in OpenFlow 1.3 and translated to each version's numbers
// when the ERROR goes out.
import { of10, of13, type OfpDecodeError } from "../ofp/mod.ts";

/** An OpenFlow 1.3 error type name. */
export type ErrorTypeName = Exclude<keyof typeof of13.OFPET, "EXPERIMENTER">;

const CODES: { [K in ErrorTypeName]: Record<string, number> } = {
  HELLO_FAILED: of13.OFPHFC,
  BAD_REQUEST: of13.OFPBRC,
  BAD_ACTION: of13.OFPBAC,
  BAD_INSTRUCTION: of13.OFPBIC,
  BAD_MATCH: of13.OFPBMC,
  FLOW_MOD_FAILED: of13.OFPFMFC,
  GROUP_MOD_FAILED: of13.OFPGMFC,
  PORT_MOD_FAILED: of13.OFPPMFC,
  TABLE_MOD_FAILED: of13.OFPTMFC,
  QUEUE_OP_FAILED: of13.OFPQOFC,
  SWITCH_CONFIG_FAILED: of13.OFPSCFC,
  ROLE_REQUEST_FAILED: of13.OFPRRFC,
  METER_MOD_FAILED: of13.OFPMMFC,
  TABLE_FEATURES_FAILED: of13.OFPTFFC,
};

/**
 * A request the switch refuses: becomes an OFPT_ERROR carrying the request's xid and its
 * first 64 bytes. Thrown by validation anywhere below the message dispatch.
 */
export class Refusal extends Error {
  /** Error type, OpenFlow 1.3 name. */
  readonly errType: ErrorTypeName;
  /** Error code name within the type (`"OVERLAP"`). */
  readonly code: string;

  constructor(errType: ErrorTypeName, code: string, message: string) {
    super(message);
    this.name = "Refusal";
    if (!(code in CODES[errType])) throw new RangeError(`No code ${code} in ${errType}`);
    this.errType = errType;
    this.code = code;
  }

  /**
   * The numbers on the wire for a version. OpenFlow 1.0 has fewer types and codes: a 1.3
   * error without a 1.0 equivalent becomes the nearest 1.0 one (documented in docs/switch.md).
   */
  numbers(version: number): [number, number] {
    if (version === 4) return [of13.OFPET[this.errType], CODES[this.errType][this.code]];
    return of10Numbers(this.errType, this.code);
  }
}

/** Shorthand: `throw refuse("BAD_MATCH", "BAD_PREREQ", "...")`. */
export function refuse(errType: ErrorTypeName, code: string, message: string): Refusal {
  return new Refusal(errType, code, message);
}

function of10Numbers(t: ErrorTypeName, code: string): [number, number] {
  const E = of10.OFPET;
  switch (t) {
    case "HELLO_FAILED":
      return [E.HELLO_FAILED, code === "EPERM" ? 1 : 0];
    case "BAD_REQUEST": {
      const c = of13.OFPBRC[code as keyof typeof of13.OFPBRC];
      // 1.0 stops at BUFFER_UNKNOWN (8); later 1.3 codes have no 1.0 counterpart.
      return [E.BAD_REQUEST, c <= 8 ? c : of10.OFPBRC.EPERM];
    }
    case "BAD_ACTION": {
      const c = of13.OFPBAC[code as keyof typeof of13.OFPBAC];
      if (c <= 8) return [E.BAD_ACTION, c];
      return [
        E.BAD_ACTION,
        code === "BAD_SET_TYPE" ? of10.OFPBAC.BAD_TYPE : of10.OFPBAC.BAD_ARGUMENT,
      ];
    }
    case "BAD_MATCH":
    case "BAD_INSTRUCTION":
      return [E.FLOW_MOD_FAILED, of10.OFPFMFC.UNSUPPORTED];
    case "FLOW_MOD_FAILED": {
      const F = of10.OFPFMFC;
      const map: Record<string, number> = {
        TABLE_FULL: F.ALL_TABLES_FULL,
        OVERLAP: F.OVERLAP,
        EPERM: F.EPERM,
        BAD_COMMAND: F.BAD_COMMAND,
        BAD_TIMEOUT: F.BAD_EMERG_TIMEOUT,
      };
      return [E.FLOW_MOD_FAILED, map[code] ?? F.UNSUPPORTED];
    }
    case "PORT_MOD_FAILED":
      return [E.PORT_MOD_FAILED, code === "BAD_HW_ADDR" ? 1 : 0];
    case "QUEUE_OP_FAILED":
      return [E.QUEUE_OP_FAILED, of13.OFPQOFC[code as keyof typeof of13.OFPQOFC]];
    default:
      return [E.BAD_REQUEST, of10.OFPBRC.EPERM];
  }
}

/** The error a message that cannot be decoded gets, from where decoding failed. */
export function refusalOfDecode(e: OfpDecodeError): Refusal {
  const p = e.path;
  const r = (t: ErrorTypeName, c: string) => new Refusal(t, c, e.message);
  if (/actionsLen/.test(p)) return r("BAD_REQUEST", "BAD_LEN");
  if (p.includes(".match")) return r("BAD_MATCH", p.endsWith(".type") ? "BAD_TYPE" : "BAD_LEN");
  // An action's fault first, even inside an instruction or a bucket (its path names both).
  if (p.includes("actions") || p.includes("buckets")) return r("BAD_ACTION", "BAD_LEN");
  if (p.includes("instructions")) return r("BAD_INSTRUCTION", "BAD_LEN");
  return r("BAD_REQUEST", "BAD_LEN");
}
