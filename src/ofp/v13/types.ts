/**
 * OpenFlow 1.3 message types: every message of the spec as plain data, discriminated by
 * `type`. Field names are the spec's in camelCase; lengths and padding are computed.
 *
 * @module
 */

import type { Of13Action, Of13Instruction } from "./action_types.ts";
import type { Of13MultipartReplyBody, Of13MultipartRequestBody } from "./multipart_types.ts";
import type { Of13Match } from "./oxm_types.ts";

/** Fields every OpenFlow 1.3 message has. */
export interface Of13Header {
  /** Wire-protocol version: 4. */
  version: 4;
  /** Transaction id. */
  xid: number;
}

/** A message that is only a header (FEATURES_REQUEST, BARRIER_*, GET_CONFIG_REQUEST, GET_ASYNC_REQUEST). */
export interface Of13Empty extends Of13Header {
  /** Discriminant. */
  type:
    | "FEATURES_REQUEST"
    | "GET_CONFIG_REQUEST"
    | "BARRIER_REQUEST"
    | "BARRIER_REPLY"
    | "GET_ASYNC_REQUEST";
}

/** OFPT_ERROR. */
export interface Of13Error extends Of13Header {
  /** Discriminant. */
  type: "ERROR";
  /** Error type (`OFPET`); 0xffff for an experimenter error. */
  errType: number;
  /**
   * Error code within the type (see `errorName`). For an experimenter error it repeats
   * `expType`, so code that reads only `errType` and `code` still sees the whole error.
   */
  code: number;
  /** Experimenter-defined type (experimenter errors only; takes precedence over `code`). */
  expType?: number;
  /** Experimenter id (experimenter errors only). */
  experimenter?: number;
  /** The offending request's first bytes, or an ASCII text for HELLO_FAILED. */
  data: Uint8Array;
}

/** OFPT_ECHO_REQUEST / OFPT_ECHO_REPLY. */
export interface Of13Echo extends Of13Header {
  /** Discriminant. */
  type: "ECHO_REQUEST" | "ECHO_REPLY";
  /** Arbitrary payload (a reply carries the request's). */
  data: Uint8Array;
}

/** OFPT_EXPERIMENTER. */
export interface Of13Experimenter extends Of13Header {
  /** Discriminant. */
  type: "EXPERIMENTER";
  /** Experimenter id. */
  experimenter: number;
  /** Experimenter-defined type. */
  expType: number;
  /** Experimenter-defined body. */
  data: Uint8Array;
}

/** OFPT_FEATURES_REPLY. */
export interface Of13FeaturesReply extends Of13Header {
  /** Discriminant. */
  type: "FEATURES_REPLY";
  /** Datapath id. */
  datapathId: bigint;
  /** Packets the switch can buffer. */
  nBuffers: number;
  /** Tables in the pipeline. */
  nTables: number;
  /** 0 for the main connection. */
  auxiliaryId: number;
  /** `OFPC` bits. */
  capabilities: number;
  /** Reserved word, kept as sent. */
  reserved: number;
}

/** OFPT_GET_CONFIG_REPLY / OFPT_SET_CONFIG. */
export interface Of13SwitchConfig extends Of13Header {
  /** Discriminant. */
  type: "GET_CONFIG_REPLY" | "SET_CONFIG";
  /** `OFPC_FRAG` flags. */
  flags: number;
  /** Bytes of a packet sent to the controller on a table miss. */
  missSendLen: number;
}

/** OFPT_PACKET_IN. */
export interface Of13PacketIn extends Of13Header {
  /** Discriminant. */
  type: "PACKET_IN";
  /** Buffer id, or `OFP_NO_BUFFER`. */
  bufferId: number;
  /** Full length of the frame. */
  totalLen: number;
  /** `OFPR` reason. */
  reason: number;
  /** Table the packet was looked up in. */
  tableId: number;
  /** Cookie of the flow entry that sent it. */
  cookie: bigint;
  /** Pipeline fields (at least `in_port`). */
  match: Of13Match;
  /** The frame (possibly truncated). */
  data: Uint8Array;
}

/** OFPT_FLOW_REMOVED. */
export interface Of13FlowRemoved extends Of13Header {
  /** Discriminant. */
  type: "FLOW_REMOVED";
  /** Flow cookie. */
  cookie: bigint;
  /** Flow priority. */
  priority: number;
  /** `OFPRR` reason. */
  reason: number;
  /** Table id. */
  tableId: number;
  /** Seconds the flow was alive. */
  durationSec: number;
  /** Nanoseconds beyond `durationSec`. */
  durationNsec: number;
  /** Idle timeout from the flow-mod. */
  idleTimeout: number;
  /** Hard timeout from the flow-mod. */
  hardTimeout: number;
  /** Packets matched. */
  packetCount: bigint;
  /** Bytes matched. */
  byteCount: bigint;
  /** The flow's match. */
  match: Of13Match;
}

/** `ofp_port`: a port description. */
export interface Of13Port {
  /** Port number. */
  portNo: number;
  /** MAC address. */
  hwAddr: string;
  /** Interface name. */
  name: string;
  /** `OFPPC` bits. */
  config: number;
  /** `OFPPS` bits. */
  state: number;
  /** Current features (`OFPPF`). */
  curr: number;
  /** Advertised features. */
  advertised: number;
  /** Supported features. */
  supported: number;
  /** Features advertised by the peer. */
  peer: number;
  /** Current speed in kbps. */
  currSpeed: number;
  /** Maximum speed in kbps. */
  maxSpeed: number;
}

/** OFPT_PORT_STATUS. */
export interface Of13PortStatus extends Of13Header {
  /** Discriminant. */
  type: "PORT_STATUS";
  /** `OFPPR` reason. */
  reason: number;
  /** The port. */
  desc: Of13Port;
}

/** OFPT_PACKET_OUT. */
export interface Of13PacketOut extends Of13Header {
  /** Discriminant. */
  type: "PACKET_OUT";
  /** Buffer id, or `OFP_NO_BUFFER` to send `data`. */
  bufferId: number;
  /** Ingress port for the actions (`OFPP.CONTROLLER` if none). */
  inPort: number;
  /** Actions to apply. */
  actions: Of13Action[];
  /** The frame (when not buffered). */
  data: Uint8Array;
}

/** OFPT_FLOW_MOD. */
export interface Of13FlowMod extends Of13Header {
  /** Discriminant. */
  type: "FLOW_MOD";
  /** Flow cookie. */
  cookie: bigint;
  /** Cookie bits that must match (modify/delete). */
  cookieMask: bigint;
  /** Table id (`OFPTT.ALL` for delete). */
  tableId: number;
  /** `OFPFC` command. */
  command: number;
  /** Idle timeout in seconds. */
  idleTimeout: number;
  /** Hard timeout in seconds. */
  hardTimeout: number;
  /** Priority. */
  priority: number;
  /** Buffered packet to apply the flow to, or `OFP_NO_BUFFER`. */
  bufferId: number;
  /** Output-port filter for delete (`OFPP.ANY`). */
  outPort: number;
  /** Output-group filter for delete (`OFPG.ANY`). */
  outGroup: number;
  /** `OFPFF` flags. */
  flags: number;
  /** The match. */
  match: Of13Match;
  /** The instructions. */
  instructions: Of13Instruction[];
}

/** A group bucket. */
export interface Of13Bucket {
  /** Weight (select groups). */
  weight: number;
  /** Port whose liveness matters (fast-failover groups). */
  watchPort: number;
  /** Group whose liveness matters (fast-failover groups). */
  watchGroup: number;
  /** The bucket's actions. */
  actions: Of13Action[];
}

/** OFPT_GROUP_MOD. */
export interface Of13GroupMod extends Of13Header {
  /** Discriminant. */
  type: "GROUP_MOD";
  /** `OFPGC` command. */
  command: number;
  /** `OFPGT` group type. */
  groupType: number;
  /** Group id. */
  groupId: number;
  /** Buckets. */
  buckets: Of13Bucket[];
}

/** OFPT_PORT_MOD. */
export interface Of13PortMod extends Of13Header {
  /** Discriminant. */
  type: "PORT_MOD";
  /** Port number. */
  portNo: number;
  /** The port's MAC address (a sanity check for the switch). */
  hwAddr: string;
  /** `OFPPC` bits to set. */
  config: number;
  /** Which `OFPPC` bits to change. */
  mask: number;
  /** Features to advertise (0: unchanged). */
  advertise: number;
}

/** OFPT_TABLE_MOD. */
export interface Of13TableMod extends Of13Header {
  /** Discriminant. */
  type: "TABLE_MOD";
  /** Table id (`OFPTT.ALL` for all). */
  tableId: number;
  /** Table configuration bits. */
  config: number;
}

/** OFPT_MULTIPART_REQUEST. */
export interface Of13MultipartRequest extends Of13Header {
  /** Discriminant. */
  type: "MULTIPART_REQUEST";
  /** `OFPMPF.REQ_MORE` when more parts follow. */
  flags: number;
  /** The request body, discriminated by its multipart `type`. */
  body: Of13MultipartRequestBody;
}

/**
 * A MULTIPART_REQUEST whose body is of type `T`: what the per-type builders return, so that
 * `transact` types its reply (`ReplyTo`).
 */
export type Of13MultipartRequestOf<T extends Of13MultipartRequestBody["type"]> =
  & Of13MultipartRequest
  & { body: { type: T } };

/** OFPT_MULTIPART_REPLY. */
export interface Of13MultipartReply extends Of13Header {
  /** Discriminant. */
  type: "MULTIPART_REPLY";
  /** `OFPMPF.REPLY_MORE` when more parts follow. */
  flags: number;
  /** The reply body, discriminated by its multipart `type`. */
  body: Of13MultipartReplyBody;
}

/** OFPT_QUEUE_GET_CONFIG_REQUEST. */
export interface Of13QueueGetConfigRequest extends Of13Header {
  /** Discriminant. */
  type: "QUEUE_GET_CONFIG_REQUEST";
  /** Port (`OFPP.ANY` for all). */
  port: number;
}

/** A queue property. */
export type Of13QueueProp =
  | {
    /** Discriminant. */
    type: "MIN_RATE" | "MAX_RATE";
    /** Rate in 1/10 of a percent; > 1000 means disabled. */
    rate: number;
  }
  | {
    /** Discriminant. */
    type: "EXPERIMENTER";
    /** Experimenter id. */
    experimenter: number;
    /** Experimenter-defined body. */
    data: Uint8Array;
  }
  | {
    /** Discriminant. */
    type: "UNKNOWN";
    /** Property type number. */
    property: number;
    /** Everything after the 8-byte property header. */
    data: Uint8Array;
  };

/** `ofp_packet_queue`. */
export interface Of13PacketQueue {
  /** Queue id. */
  queueId: number;
  /** Port the queue belongs to. */
  port: number;
  /** Properties. */
  properties: Of13QueueProp[];
}

/** OFPT_QUEUE_GET_CONFIG_REPLY. */
export interface Of13QueueGetConfigReply extends Of13Header {
  /** Discriminant. */
  type: "QUEUE_GET_CONFIG_REPLY";
  /** Port that was queried. */
  port: number;
  /** Its queues. */
  queues: Of13PacketQueue[];
}

/** OFPT_ROLE_REQUEST / OFPT_ROLE_REPLY. */
export interface Of13Role extends Of13Header {
  /** Discriminant. */
  type: "ROLE_REQUEST" | "ROLE_REPLY";
  /** `OFPCR_ROLE`. */
  role: number;
  /** Master election generation id. */
  generationId: bigint;
}

/** OFPT_GET_ASYNC_REPLY / OFPT_SET_ASYNC: [master/equal, slave] bitmasks. */
export interface Of13AsyncConfig extends Of13Header {
  /** Discriminant. */
  type: "GET_ASYNC_REPLY" | "SET_ASYNC";
  /** Packet-in reasons wanted: [master/equal, slave]. */
  packetInMask: [number, number];
  /** Port-status reasons wanted. */
  portStatusMask: [number, number];
  /** Flow-removed reasons wanted. */
  flowRemovedMask: [number, number];
}

/** A meter band. */
export type Of13MeterBand =
  | {
    /** Discriminant. */
    type: "DROP";
    /** Rate. */
    rate: number;
    /** Burst size. */
    burstSize: number;
  }
  | {
    /** Discriminant. */
    type: "DSCP_REMARK";
    /** Rate. */
    rate: number;
    /** Burst size. */
    burstSize: number;
    /** Drop-precedence levels to add. */
    precLevel: number;
  }
  | {
    /** Discriminant. */
    type: "EXPERIMENTER";
    /** Rate. */
    rate: number;
    /** Burst size. */
    burstSize: number;
    /** Experimenter id. */
    experimenter: number;
    /** Experimenter-defined body. */
    data: Uint8Array;
  }
  | {
    /** Discriminant. */
    type: "UNKNOWN";
    /** Band type number. */
    bandType: number;
    /** Rate. */
    rate: number;
    /** Burst size. */
    burstSize: number;
    /** Everything after rate and burst size. */
    data: Uint8Array;
  };

/** OFPT_METER_MOD. */
export interface Of13MeterMod extends Of13Header {
  /** Discriminant. */
  type: "METER_MOD";
  /** `OFPMC` command. */
  command: number;
  /** `OFPMF` flags. */
  flags: number;
  /** Meter id. */
  meterId: number;
  /** Bands. */
  bands: Of13MeterBand[];
}

/** Any OpenFlow 1.3 message except HELLO (which is version-independent, see `HelloMessage`). */
export type Of13Message =
  | Of13Empty
  | Of13Error
  | Of13Echo
  | Of13Experimenter
  | Of13FeaturesReply
  | Of13SwitchConfig
  | Of13PacketIn
  | Of13FlowRemoved
  | Of13PortStatus
  | Of13PacketOut
  | Of13FlowMod
  | Of13GroupMod
  | Of13PortMod
  | Of13TableMod
  | Of13MultipartRequest
  | Of13MultipartReply
  | Of13QueueGetConfigRequest
  | Of13QueueGetConfigReply
  | Of13Role
  | Of13AsyncConfig
  | Of13MeterMod;

/** A builder's argument: any fields of the message, without its discriminants. */
export type Of13Fields<T> = Partial<Omit<T, "version" | "type">>;
