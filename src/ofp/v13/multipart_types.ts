/**
 * OpenFlow 1.3 multipart bodies: every request and reply of the 15 multipart types.
 *
 * @module
 */

import type { Of13Instruction } from "./action_types.ts";
import type { Of13Match } from "./oxm_types.ts";
import type { Of13Bucket, Of13MeterBand, Of13Port } from "./types.ts";

/** Flow or aggregate stats request filter. */
export interface Of13FlowStatsRequestBody {
  /** Discriminant. */
  type: "FLOW" | "AGGREGATE";
  /** Table (`OFPTT.ALL` for all). */
  tableId: number;
  /** Output-port filter (`OFPP.ANY` for none). */
  outPort: number;
  /** Output-group filter (`OFPG.ANY` for none). */
  outGroup: number;
  /** Cookie to match under `cookieMask`. */
  cookie: bigint;
  /** Cookie bits that must match (0n: any). */
  cookieMask: bigint;
  /** Match filter. */
  match: Of13Match;
}

/** A multipart body with nothing in it (a request for DESC, TABLE, PORT_DESC, ...). */
export interface Of13EmptyBody {
  /** Discriminant. */
  type: "DESC" | "TABLE" | "GROUP_DESC" | "GROUP_FEATURES" | "METER_FEATURES" | "PORT_DESC";
}

/** PORT_STATS request. */
export interface Of13PortStatsRequestBody {
  /** Discriminant. */
  type: "PORT_STATS";
  /** Port (`OFPP.ANY` for all). */
  portNo: number;
}

/** QUEUE stats request. */
export interface Of13QueueStatsRequestBody {
  /** Discriminant. */
  type: "QUEUE";
  /** Port (`OFPP.ANY` for all). */
  portNo: number;
  /** Queue (`OFPQ_ALL` for all). */
  queueId: number;
}

/** GROUP stats request. */
export interface Of13GroupStatsRequestBody {
  /** Discriminant. */
  type: "GROUP";
  /** Group (`OFPG.ALL` for all). */
  groupId: number;
}

/** METER stats or METER_CONFIG request. */
export interface Of13MeterRequestBody {
  /** Discriminant. */
  type: "METER" | "METER_CONFIG";
  /** Meter (`OFPM.ALL` for all). */
  meterId: number;
}

/** An experimenter multipart body (request or reply). */
export interface Of13ExperimenterBody {
  /** Discriminant. */
  type: "EXPERIMENTER";
  /** Experimenter id. */
  experimenter: number;
  /** Experimenter-defined type. */
  expType: number;
  /** Experimenter-defined body. */
  data: Uint8Array;
}

/** A multipart type this codec does not know. */
export interface Of13UnknownBody {
  /** Discriminant. */
  type: "UNKNOWN";
  /** The multipart type number. */
  multipartType: number;
  /** The body bytes. */
  data: Uint8Array;
}

/** One id in an instruction or action list of a table-features property. */
export interface Of13FeatureId {
  /** Instruction or action type. */
  type: number;
  /** Bytes after the 4-byte header (experimenter ids carry an experimenter id here). */
  data: Uint8Array;
}

/** A table-features property. */
export type Of13TableFeatureProp =
  | {
    /** Discriminant. */
    type:
      | "INSTRUCTIONS"
      | "INSTRUCTIONS_MISS"
      | "WRITE_ACTIONS"
      | "WRITE_ACTIONS_MISS"
      | "APPLY_ACTIONS"
      | "APPLY_ACTIONS_MISS";
    /** Supported instruction or action types. */
    ids: Of13FeatureId[];
  }
  | {
    /** Discriminant. */
    type: "NEXT_TABLES" | "NEXT_TABLES_MISS";
    /** Reachable table ids. */
    tableIds: number[];
  }
  | {
    /** Discriminant. */
    type:
      | "MATCH"
      | "WILDCARDS"
      | "WRITE_SETFIELD"
      | "WRITE_SETFIELD_MISS"
      | "APPLY_SETFIELD"
      | "APPLY_SETFIELD_MISS";
    /** 32-bit OXM headers; an experimenter-class header is followed by its experimenter id. */
    oxmIds: number[];
  }
  | {
    /** Discriminant. */
    type: "EXPERIMENTER" | "EXPERIMENTER_MISS";
    /** Experimenter id. */
    experimenter: number;
    /** Experimenter-defined type. */
    expType: number;
    /** Experimenter-defined body. */
    data: Uint8Array;
  }
  | {
    /** Discriminant. */
    type: "UNKNOWN";
    /** Property type number. */
    propType: number;
    /** Everything after the 4-byte property header. */
    data: Uint8Array;
  };

/** `ofp_table_features`: one table's capabilities. */
export interface Of13TableFeatures {
  /** Table id. */
  tableId: number;
  /** Table name. */
  name: string;
  /** Metadata bits the table can match. */
  metadataMatch: bigint;
  /** Metadata bits the table can write. */
  metadataWrite: bigint;
  /** Table configuration bits. */
  config: number;
  /** Maximum number of entries. */
  maxEntries: number;
  /** Properties. */
  properties: Of13TableFeatureProp[];
}

/** TABLE_FEATURES request (empty list: just read) or reply. */
export interface Of13TableFeaturesBody {
  /** Discriminant. */
  type: "TABLE_FEATURES";
  /** Tables. */
  entries: Of13TableFeatures[];
}

/** A multipart request body. */
export type Of13MultipartRequestBody =
  | Of13EmptyBody
  | Of13FlowStatsRequestBody
  | Of13PortStatsRequestBody
  | Of13QueueStatsRequestBody
  | Of13GroupStatsRequestBody
  | Of13MeterRequestBody
  | Of13TableFeaturesBody
  | Of13ExperimenterBody
  | Of13UnknownBody;

/** DESC reply. */
export interface Of13DescBody {
  /** Discriminant. */
  type: "DESC";
  /** Manufacturer. */
  mfrDesc: string;
  /** Hardware. */
  hwDesc: string;
  /** Software. */
  swDesc: string;
  /** Serial number. */
  serialNum: string;
  /** Datapath description. */
  dpDesc: string;
}

/** One flow of a FLOW reply. */
export interface Of13FlowStats {
  /** Table id. */
  tableId: number;
  /** Seconds alive. */
  durationSec: number;
  /** Nanoseconds beyond `durationSec`. */
  durationNsec: number;
  /** Priority. */
  priority: number;
  /** Idle timeout. */
  idleTimeout: number;
  /** Hard timeout. */
  hardTimeout: number;
  /** `OFPFF` flags. */
  flags: number;
  /** Cookie. */
  cookie: bigint;
  /** Packets matched. */
  packetCount: bigint;
  /** Bytes matched. */
  byteCount: bigint;
  /** Match. */
  match: Of13Match;
  /** Instructions. */
  instructions: Of13Instruction[];
}

/** FLOW reply. */
export interface Of13FlowStatsBody {
  /** Discriminant. */
  type: "FLOW";
  /** Flows. */
  entries: Of13FlowStats[];
}

/** AGGREGATE reply. */
export interface Of13AggregateBody {
  /** Discriminant. */
  type: "AGGREGATE";
  /** Packets. */
  packetCount: bigint;
  /** Bytes. */
  byteCount: bigint;
  /** Flows. */
  flowCount: number;
}

/** One table of a TABLE reply. */
export interface Of13TableStats {
  /** Table id. */
  tableId: number;
  /** Active entries. */
  activeCount: number;
  /** Packets looked up. */
  lookupCount: bigint;
  /** Packets that matched. */
  matchedCount: bigint;
}

/** One port of a PORT_STATS reply. */
export interface Of13PortStats {
  /** Port number. */
  portNo: number;
  /** Received packets. */
  rxPackets: bigint;
  /** Transmitted packets. */
  txPackets: bigint;
  /** Received bytes. */
  rxBytes: bigint;
  /** Transmitted bytes. */
  txBytes: bigint;
  /** Packets dropped on receive. */
  rxDropped: bigint;
  /** Packets dropped on transmit. */
  txDropped: bigint;
  /** Receive errors. */
  rxErrors: bigint;
  /** Transmit errors. */
  txErrors: bigint;
  /** Frame alignment errors. */
  rxFrameErr: bigint;
  /** Overruns. */
  rxOverErr: bigint;
  /** CRC errors. */
  rxCrcErr: bigint;
  /** Collisions. */
  collisions: bigint;
  /** Seconds the port has been alive. */
  durationSec: number;
  /** Nanoseconds beyond `durationSec`. */
  durationNsec: number;
}

/** One queue of a QUEUE reply. */
export interface Of13QueueStats {
  /** Port number. */
  portNo: number;
  /** Queue id. */
  queueId: number;
  /** Bytes sent. */
  txBytes: bigint;
  /** Packets sent. */
  txPackets: bigint;
  /** Packets dropped. */
  txErrors: bigint;
  /** Seconds alive. */
  durationSec: number;
  /** Nanoseconds beyond `durationSec`. */
  durationNsec: number;
}

/** One group of a GROUP reply. */
export interface Of13GroupStats {
  /** Group id. */
  groupId: number;
  /** Flows or groups forwarding to it. */
  refCount: number;
  /** Packets processed. */
  packetCount: bigint;
  /** Bytes processed. */
  byteCount: bigint;
  /** Seconds alive. */
  durationSec: number;
  /** Nanoseconds beyond `durationSec`. */
  durationNsec: number;
  /** Per-bucket counters. */
  bucketStats: { packetCount: bigint; byteCount: bigint }[];
}

/** One group of a GROUP_DESC reply. */
export interface Of13GroupDesc {
  /** `OFPGT` type. */
  groupType: number;
  /** Group id. */
  groupId: number;
  /** Buckets. */
  buckets: Of13Bucket[];
}

/** GROUP_FEATURES reply. */
export interface Of13GroupFeaturesBody {
  /** Discriminant. */
  type: "GROUP_FEATURES";
  /** Bitmap of supported `OFPGT` types. */
  types: number;
  /** `OFPGFC` bits. */
  capabilities: number;
  /** Maximum groups per type (ALL, SELECT, INDIRECT, FF). */
  maxGroups: [number, number, number, number];
  /** Supported action bitmaps per type. */
  actions: [number, number, number, number];
}

/** One meter of a METER reply. */
export interface Of13MeterStats {
  /** Meter id. */
  meterId: number;
  /** Flows bound to it. */
  flowCount: number;
  /** Packets in. */
  packetInCount: bigint;
  /** Bytes in. */
  byteInCount: bigint;
  /** Seconds alive. */
  durationSec: number;
  /** Nanoseconds beyond `durationSec`. */
  durationNsec: number;
  /** Per-band counters. */
  bandStats: { packetBandCount: bigint; byteBandCount: bigint }[];
}

/** One meter of a METER_CONFIG reply. */
export interface Of13MeterConfig {
  /** `OFPMF` flags. */
  flags: number;
  /** Meter id. */
  meterId: number;
  /** Bands. */
  bands: Of13MeterBand[];
}

/** METER_FEATURES reply. */
export interface Of13MeterFeaturesBody {
  /** Discriminant. */
  type: "METER_FEATURES";
  /** Maximum meters. */
  maxMeter: number;
  /** Bitmap of supported band types. */
  bandTypes: number;
  /** `OFPMF` bits supported. */
  capabilities: number;
  /** Maximum bands per meter. */
  maxBands: number;
  /** Maximum color value. */
  maxColor: number;
}

/** A multipart reply body. */
export type Of13MultipartReplyBody =
  | Of13DescBody
  | Of13FlowStatsBody
  | Of13AggregateBody
  | {
    /** Discriminant. */
    type: "TABLE";
    /** Tables. */
    entries: Of13TableStats[];
  }
  | {
    /** Discriminant. */
    type: "PORT_STATS";
    /** Ports. */
    entries: Of13PortStats[];
  }
  | {
    /** Discriminant. */
    type: "QUEUE";
    /** Queues. */
    entries: Of13QueueStats[];
  }
  | {
    /** Discriminant. */
    type: "GROUP";
    /** Groups. */
    entries: Of13GroupStats[];
  }
  | {
    /** Discriminant. */
    type: "GROUP_DESC";
    /** Groups. */
    entries: Of13GroupDesc[];
  }
  | Of13GroupFeaturesBody
  | {
    /** Discriminant. */
    type: "METER";
    /** Meters. */
    entries: Of13MeterStats[];
  }
  | {
    /** Discriminant. */
    type: "METER_CONFIG";
    /** Meters. */
    entries: Of13MeterConfig[];
  }
  | Of13MeterFeaturesBody
  | Of13TableFeaturesBody
  | {
    /** Discriminant. */
    type: "PORT_DESC";
    /** Ports. */
    entries: Of13Port[];
  }
  | Of13ExperimenterBody
  | Of13UnknownBody;
