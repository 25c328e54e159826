/**
 * OpenFlow 1.0 message types: every message of the spec as plain data, discriminated by
 * `type`. Field names are the spec's in camelCase; lengths and padding are computed.
 *
 * @module
 */

/** Fields every OpenFlow 1.0 message has. */
export interface Of10Header {
  /** Wire-protocol version: 1. */
  version: 1;
  /** Transaction id. */
  xid: number;
}

/**
 * `ofp_match`: every field is always present and keeps its value when wildcarded, so a
 * decoded match re-encodes byte-exact; `wildcards` decides which fields count.
 */
export interface Of10Match {
  /** `OFPFW` bits (1 = ignore the field); nw_src/nw_dst carry a prefix-length count. */
  wildcards: number;
  /** Input port. */
  inPort: number;
  /** Ethernet source. */
  dlSrc: string;
  /** Ethernet destination. */
  dlDst: string;
  /** VLAN id (0xffff: untagged). */
  dlVlan: number;
  /** VLAN priority. */
  dlVlanPcp: number;
  /** Ethertype. */
  dlType: number;
  /** IP ToS (DSCP bits). */
  nwTos: number;
  /** IP protocol or ARP opcode. */
  nwProto: number;
  /** IP source. */
  nwSrc: string;
  /** IP destination. */
  nwDst: string;
  /** TCP/UDP source port or ICMP type. */
  tpSrc: number;
  /** TCP/UDP destination port or ICMP code. */
  tpDst: number;
}

/** OFPAT_OUTPUT: send the packet out of a port. */
export interface Of10ActionOutput {
  /** Discriminant. */
  type: "OUTPUT";
  /** Output port (`OFPP` for the reserved ones). */
  port: number;
  /** Bytes to send to the controller when `port` is `OFPP.CONTROLLER`. */
  maxLen: number;
}

/** OFPAT_SET_VLAN_VID: set (or add) the 802.1Q VLAN id. */
export interface Of10ActionSetVlanVid {
  /** Discriminant. */
  type: "SET_VLAN_VID";
  /** VLAN id (12 bits). */
  vlanVid: number;
}

/** OFPAT_SET_VLAN_PCP: set (or add) the 802.1Q priority. */
export interface Of10ActionSetVlanPcp {
  /** Discriminant. */
  type: "SET_VLAN_PCP";
  /** VLAN priority (3 bits). */
  vlanPcp: number;
}

/** OFPAT_STRIP_VLAN: remove the 802.1Q header. */
export interface Of10ActionStripVlan {
  /** Discriminant. */
  type: "STRIP_VLAN";
}

/** OFPAT_SET_DL_SRC / OFPAT_SET_DL_DST: rewrite an Ethernet address. */
export interface Of10ActionSetDlAddr {
  /** Discriminant. */
  type: "SET_DL_SRC" | "SET_DL_DST";
  /** MAC address, "aa:bb:cc:dd:ee:ff". */
  dlAddr: string;
}

/** OFPAT_SET_NW_SRC / OFPAT_SET_NW_DST: rewrite an IPv4 address. */
export interface Of10ActionSetNwAddr {
  /** Discriminant. */
  type: "SET_NW_SRC" | "SET_NW_DST";
  /** IPv4 address, dotted. */
  nwAddr: string;
}

/** OFPAT_SET_NW_TOS: rewrite the IP ToS (DSCP) bits. */
export interface Of10ActionSetNwTos {
  /** Discriminant. */
  type: "SET_NW_TOS";
  /** ToS byte (its two low bits must be zero). */
  nwTos: number;
}

/** OFPAT_SET_TP_SRC / OFPAT_SET_TP_DST: rewrite a TCP/UDP port. */
export interface Of10ActionSetTpPort {
  /** Discriminant. */
  type: "SET_TP_SRC" | "SET_TP_DST";
  /** Transport port. */
  tpPort: number;
}

/** OFPAT_ENQUEUE: send the packet to a queue of a port. */
export interface Of10ActionEnqueue {
  /** Discriminant. */
  type: "ENQUEUE";
  /** Output port (`OFPP.IN_PORT` allowed). */
  port: number;
  /** Queue id. */
  queueId: number;
}

/**
 * OFPAT_VENDOR: a vendor action kept as bytes (Nicira actions written by `ovs-ofctl`
 * among them), so it re-encodes byte-exact.
 */
export interface Of10ActionVendor {
  /** Discriminant. */
  type: "VENDOR";
  /** Vendor id (Nicira: `NX_VENDOR_ID`, 0x00002320). */
  vendor: number;
  /** Everything after the vendor id, trailing padding included. */
  data: Uint8Array;
}

/** An action of a type this codec does not know, kept byte-exact. */
export interface Of10ActionUnknown {
  /** Discriminant. */
  type: "UNKNOWN";
  /** Action type number from the wire. */
  actionType: number;
  /** Everything after the 4-byte action header. */
  data: Uint8Array;
}

/** An OpenFlow 1.0 action, discriminated by `type` (the `OFPAT_` name). */
export type Of10Action =
  | Of10ActionOutput
  | Of10ActionSetVlanVid
  | Of10ActionSetVlanPcp
  | Of10ActionStripVlan
  | Of10ActionSetDlAddr
  | Of10ActionSetNwAddr
  | Of10ActionSetNwTos
  | Of10ActionSetTpPort
  | Of10ActionEnqueue
  | Of10ActionVendor
  | Of10ActionUnknown;

/** `ofp_phy_port`. */
export interface Of10PhyPort {
  /** Port number. */
  portNo: number;
  /** MAC address. */
  hwAddr: string;
  /**
   * Interface name (16 bytes on the wire, NUL-padded): decoded up to the first NUL, so a
   * field with bytes after its first NUL does not round-trip byte-exact.
   */
  name: string;
  /** `OFPPC` bits. */
  config: number;
  /** `OFPPS` bits. */
  state: number;
  /** Current features. */
  curr: number;
  /** Advertised features. */
  advertised: number;
  /** Supported features. */
  supported: number;
  /** Peer's advertised features. */
  peer: number;
}

/** A message that is only a header. */
export interface Of10Empty extends Of10Header {
  /** Discriminant. */
  type: "FEATURES_REQUEST" | "GET_CONFIG_REQUEST" | "BARRIER_REQUEST" | "BARRIER_REPLY";
}

/** OFPT_ERROR. */
export interface Of10Error extends Of10Header {
  /** Discriminant. */
  type: "ERROR";
  /** `OFPET` type. */
  errType: number;
  /** Code within the type (see `errorName`). */
  code: number;
  /** The offending request's first bytes, or text for HELLO_FAILED. */
  data: Uint8Array;
}

/** OFPT_ECHO_REQUEST / OFPT_ECHO_REPLY. */
export interface Of10Echo extends Of10Header {
  /** Discriminant. */
  type: "ECHO_REQUEST" | "ECHO_REPLY";
  /** Payload. */
  data: Uint8Array;
}

/** OFPT_VENDOR. */
export interface Of10Vendor extends Of10Header {
  /** Discriminant. */
  type: "VENDOR";
  /** Vendor id. */
  vendor: number;
  /** Vendor-defined body. */
  data: Uint8Array;
}

/** OFPT_FEATURES_REPLY. */
export interface Of10FeaturesReply extends Of10Header {
  /** Discriminant. */
  type: "FEATURES_REPLY";
  /** Datapath id. */
  datapathId: bigint;
  /** Packets the switch can buffer. */
  nBuffers: number;
  /** Tables. */
  nTables: number;
  /** `OFPC` bits. */
  capabilities: number;
  /** Bitmap of supported `OFPAT` actions. */
  actions: number;
  /** Ports. */
  ports: Of10PhyPort[];
}

/** OFPT_GET_CONFIG_REPLY / OFPT_SET_CONFIG. */
export interface Of10SwitchConfig extends Of10Header {
  /** Discriminant. */
  type: "GET_CONFIG_REPLY" | "SET_CONFIG";
  /** `OFPC_FRAG` flags. */
  flags: number;
  /** Bytes sent to the controller on a miss. */
  missSendLen: number;
}

/** OFPT_PACKET_IN. */
export interface Of10PacketIn extends Of10Header {
  /** Discriminant. */
  type: "PACKET_IN";
  /** Buffer id, or `OFP_NO_BUFFER`. */
  bufferId: number;
  /** Full frame length. */
  totalLen: number;
  /** Ingress port. */
  inPort: number;
  /** `OFPR` reason. */
  reason: number;
  /** The frame (possibly truncated). */
  data: Uint8Array;
}

/** OFPT_FLOW_REMOVED. */
export interface Of10FlowRemoved extends Of10Header {
  /** Discriminant. */
  type: "FLOW_REMOVED";
  /** The flow's match. */
  match: Of10Match;
  /** Cookie. */
  cookie: bigint;
  /** Priority. */
  priority: number;
  /** `OFPRR` reason. */
  reason: number;
  /** Seconds alive. */
  durationSec: number;
  /** Nanoseconds beyond `durationSec`. */
  durationNsec: number;
  /** Idle timeout. */
  idleTimeout: number;
  /** Packets matched. */
  packetCount: bigint;
  /** Bytes matched. */
  byteCount: bigint;
}

/** OFPT_PORT_STATUS. */
export interface Of10PortStatus extends Of10Header {
  /** Discriminant. */
  type: "PORT_STATUS";
  /** `OFPPR` reason. */
  reason: number;
  /** The port. */
  desc: Of10PhyPort;
}

/** OFPT_PACKET_OUT. */
export interface Of10PacketOut extends Of10Header {
  /** Discriminant. */
  type: "PACKET_OUT";
  /** Buffer id, or `OFP_NO_BUFFER` to send `data`. */
  bufferId: number;
  /** Ingress port for the actions (`OFPP.NONE` if none). */
  inPort: number;
  /** Actions. */
  actions: Of10Action[];
  /** The frame. */
  data: Uint8Array;
}

/** OFPT_FLOW_MOD. */
export interface Of10FlowMod extends Of10Header {
  /** Discriminant. */
  type: "FLOW_MOD";
  /** The match. */
  match: Of10Match;
  /** Cookie. */
  cookie: bigint;
  /** `OFPFC` command. */
  command: number;
  /** Idle timeout. */
  idleTimeout: number;
  /** Hard timeout. */
  hardTimeout: number;
  /** Priority. */
  priority: number;
  /** Buffered packet to apply to, or `OFP_NO_BUFFER`. */
  bufferId: number;
  /** Output-port filter for delete (`OFPP.NONE`). */
  outPort: number;
  /** `OFPFF` flags. */
  flags: number;
  /** Actions. */
  actions: Of10Action[];
}

/** OFPT_PORT_MOD. */
export interface Of10PortMod extends Of10Header {
  /** Discriminant. */
  type: "PORT_MOD";
  /** Port number. */
  portNo: number;
  /** The port's MAC address. */
  hwAddr: string;
  /** `OFPPC` bits to set. */
  config: number;
  /** Which bits to change. */
  mask: number;
  /** Features to advertise (0: unchanged). */
  advertise: number;
}

/** Flow or aggregate stats request. */
export interface Of10FlowStatsRequestBody {
  /** Discriminant. */
  type: "FLOW" | "AGGREGATE";
  /** Match filter. */
  match: Of10Match;
  /** Table (0xff for all). */
  tableId: number;
  /** Output-port filter (`OFPP.NONE` for none). */
  outPort: number;
}

/** An entry of a FLOW stats reply. */
export interface Of10FlowStats {
  /** Table id. */
  tableId: number;
  /** Match. */
  match: Of10Match;
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
  /** Cookie. */
  cookie: bigint;
  /** Packets matched. */
  packetCount: bigint;
  /** Bytes matched. */
  byteCount: bigint;
  /** Actions. */
  actions: Of10Action[];
}

/** An entry of a TABLE stats reply. */
export interface Of10TableStats {
  /** Table id. */
  tableId: number;
  /** Table name (32 bytes on the wire, NUL-padded; decoded up to the first NUL). */
  name: string;
  /** Wildcards the table supports. */
  wildcards: number;
  /** Maximum entries. */
  maxEntries: number;
  /** Active entries. */
  activeCount: number;
  /** Packets looked up. */
  lookupCount: bigint;
  /** Packets that matched. */
  matchedCount: bigint;
}

/** An entry of a PORT stats reply. */
export interface Of10PortStats {
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
  /** Dropped on receive. */
  rxDropped: bigint;
  /** Dropped on transmit. */
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
}

/** An entry of a QUEUE stats reply. */
export interface Of10QueueStats {
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
}

/** A DESC or TABLE stats request: no body. */
export interface Of10EmptyStatsRequestBody {
  /** Discriminant. */
  type: "DESC" | "TABLE";
}

/** A PORT stats request. */
export interface Of10PortStatsRequestBody {
  /** Discriminant. */
  type: "PORT";
  /** Port (`OFPP.NONE` for all). */
  portNo: number;
}

/** A QUEUE stats request. */
export interface Of10QueueStatsRequestBody {
  /** Discriminant. */
  type: "QUEUE";
  /** Port (`OFPP.ALL` for all). */
  portNo: number;
  /** Queue (`OFPQ_ALL` for all). */
  queueId: number;
}

/** A VENDOR stats body (request or reply), kept as bytes. */
export interface Of10VendorStatsBody {
  /** Discriminant. */
  type: "VENDOR";
  /** Vendor id. */
  vendor: number;
  /** Everything after the vendor id. */
  data: Uint8Array;
}

/** A stats body (request or reply) of a type this codec does not know, kept byte-exact. */
export interface Of10UnknownStatsBody {
  /** Discriminant. */
  type: "UNKNOWN";
  /** Stats type number from the wire. */
  statsType: number;
  /** The body bytes. */
  data: Uint8Array;
}

/** A stats request body, discriminated by `type` (the `OFPST_` name). */
export type Of10StatsRequestBody =
  | Of10EmptyStatsRequestBody
  | Of10FlowStatsRequestBody
  | Of10PortStatsRequestBody
  | Of10QueueStatsRequestBody
  | Of10VendorStatsBody
  | Of10UnknownStatsBody;

/**
 * A DESC stats reply (`ofp_desc_stats`). Each string is decoded up to its first NUL (the
 * wire fields are NUL-padded to 256 bytes, 32 for `serialNum`) and padded with zeros on
 * encode: a field with bytes after its first NUL does not round-trip byte-exact.
 */
export interface Of10DescStatsBody {
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

/** A FLOW stats reply. */
export interface Of10FlowStatsReplyBody {
  /** Discriminant. */
  type: "FLOW";
  /** Flows. */
  entries: Of10FlowStats[];
}

/** An AGGREGATE stats reply (`ofp_aggregate_stats_reply`). */
export interface Of10AggregateStatsBody {
  /** Discriminant. */
  type: "AGGREGATE";
  /** Packets. */
  packetCount: bigint;
  /** Bytes. */
  byteCount: bigint;
  /** Flows. */
  flowCount: number;
}

/** A TABLE stats reply. */
export interface Of10TableStatsReplyBody {
  /** Discriminant. */
  type: "TABLE";
  /** Tables. */
  entries: Of10TableStats[];
}

/** A PORT stats reply. */
export interface Of10PortStatsReplyBody {
  /** Discriminant. */
  type: "PORT";
  /** Ports. */
  entries: Of10PortStats[];
}

/** A QUEUE stats reply. */
export interface Of10QueueStatsReplyBody {
  /** Discriminant. */
  type: "QUEUE";
  /** Queues. */
  entries: Of10QueueStats[];
}

/** A stats reply body, discriminated by `type` (the `OFPST_` name). */
export type Of10StatsReplyBody =
  | Of10DescStatsBody
  | Of10FlowStatsReplyBody
  | Of10AggregateStatsBody
  | Of10TableStatsReplyBody
  | Of10PortStatsReplyBody
  | Of10QueueStatsReplyBody
  | Of10VendorStatsBody
  | Of10UnknownStatsBody;

/**
 * A STATS_REQUEST whose body is of type `T`: what the per-type builders return, so that
 * `transact` types its reply (`ReplyTo`).
 */
export type Of10StatsRequestOf<T extends Of10StatsRequestBody["type"]> =
  & Of10StatsRequest
  & { body: { type: T } };

/** OFPT_STATS_REQUEST. */
export interface Of10StatsRequest extends Of10Header {
  /** Discriminant. */
  type: "STATS_REQUEST";
  /** Flags (none defined). */
  flags: number;
  /** The body, discriminated by its stats `type`. */
  body: Of10StatsRequestBody;
}

/** OFPT_STATS_REPLY. */
export interface Of10StatsReply extends Of10Header {
  /** Discriminant. */
  type: "STATS_REPLY";
  /** `OFPSF.REPLY_MORE` when more parts follow. */
  flags: number;
  /** The body, discriminated by its stats `type`. */
  body: Of10StatsReplyBody;
}

/** OFPQT_MIN_RATE: the queue's guaranteed rate. */
export interface Of10QueuePropMinRate {
  /** Discriminant. */
  type: "MIN_RATE";
  /** Rate in tenths of a percent; above 1000 (`OFPQ_MIN_RATE_UNCFG`): not configured. */
  rate: number;
}

/** OFPQT_NONE: an empty property (8 bytes). */
export interface Of10QueuePropNone {
  /** Discriminant. */
  type: "NONE";
}

/** A queue property of a type this codec does not know (or a NONE with a body), kept byte-exact. */
export interface Of10QueuePropUnknown {
  /** Discriminant. */
  type: "UNKNOWN";
  /** Property type number from the wire. */
  property: number;
  /** Everything after the 8-byte property header. */
  data: Uint8Array;
}

/** A queue property (`ofp_queue_prop_header` and its body), discriminated by `type`. */
export type Of10QueueProp = Of10QueuePropMinRate | Of10QueuePropNone | Of10QueuePropUnknown;

/** `ofp_packet_queue`. */
export interface Of10PacketQueue {
  /** Queue id. */
  queueId: number;
  /** Properties. */
  properties: Of10QueueProp[];
}

/** OFPT_QUEUE_GET_CONFIG_REQUEST. */
export interface Of10QueueGetConfigRequest extends Of10Header {
  /** Discriminant. */
  type: "QUEUE_GET_CONFIG_REQUEST";
  /** Port. */
  port: number;
}

/** OFPT_QUEUE_GET_CONFIG_REPLY. */
export interface Of10QueueGetConfigReply extends Of10Header {
  /** Discriminant. */
  type: "QUEUE_GET_CONFIG_REPLY";
  /** Port. */
  port: number;
  /** Queues. */
  queues: Of10PacketQueue[];
}

/** Any OpenFlow 1.0 message except HELLO (which is version-independent, see `HelloMessage`). */
export type Of10Message =
  | Of10Empty
  | Of10Error
  | Of10Echo
  | Of10Vendor
  | Of10FeaturesReply
  | Of10SwitchConfig
  | Of10PacketIn
  | Of10FlowRemoved
  | Of10PortStatus
  | Of10PacketOut
  | Of10FlowMod
  | Of10PortMod
  | Of10StatsRequest
  | Of10StatsReply
  | Of10QueueGetConfigRequest
  | Of10QueueGetConfigReply;

/**
 * The fields `of10.match` takes, by their `ofp_match` names as the spec and `ovs-ofctl` write
 * them — `in_port`, `dl_type`, `nw_dst` — the same convention as `of13.match`, which takes
 * OXM names (`in_port`, `eth_type`, `ipv4_dst`). `nw_src` and `nw_dst` may carry a prefix
 * length: `"10.0.0.0/8"`. Each field is also accepted under its camelCase name in
 * {@linkcode Of10Match} (`inPort`, `dlType`, `nwDst`...), as an alias; giving both is an error.
 */
export interface Of10MatchSpec {
  /** Input port. */
  in_port?: number;
  /** Ethernet source. */
  dl_src?: string;
  /** Ethernet destination. */
  dl_dst?: string;
  /** VLAN id (0xffff: untagged). */
  dl_vlan?: number;
  /** VLAN priority. */
  dl_vlan_pcp?: number;
  /** Ethertype. */
  dl_type?: number;
  /** IP ToS (DSCP bits). */
  nw_tos?: number;
  /** IP protocol or ARP opcode. */
  nw_proto?: number;
  /** IP source, optionally with a prefix length. */
  nw_src?: string;
  /** IP destination, optionally with a prefix length. */
  nw_dst?: string;
  /** TCP/UDP source port or ICMP type. */
  tp_src?: number;
  /** TCP/UDP destination port or ICMP code. */
  tp_dst?: number;
  /** Alias of `in_port`. */
  inPort?: number;
  /** Alias of `dl_src`. */
  dlSrc?: string;
  /** Alias of `dl_dst`. */
  dlDst?: string;
  /** Alias of `dl_vlan`. */
  dlVlan?: number;
  /** Alias of `dl_vlan_pcp`. */
  dlVlanPcp?: number;
  /** Alias of `dl_type`. */
  dlType?: number;
  /** Alias of `nw_tos`. */
  nwTos?: number;
  /** Alias of `nw_proto`. */
  nwProto?: number;
  /** Alias of `nw_src`. */
  nwSrc?: string;
  /** Alias of `nw_dst`. */
  nwDst?: string;
  /** Alias of `tp_src`. */
  tpSrc?: number;
  /** Alias of `tp_dst`. */
  tpDst?: number;
}

/** A builder's argument: any fields of the message, without its discriminants. */
export type Of10Fields<T> = Partial<Omit<T, "version" | "type">>;
