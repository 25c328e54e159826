// A generated set of valid messages covering every message type, multipart/stats body,
// action, instruction and OXM field of OpenFlow 1.0 and 1.3. Used by the round-trip tests
// and by the cross-check against Open vSwitch's decoder (`ovs-ofctl ofp-print`).
import { of10, of13, type OfpMessage } from "../../src/ofp/mod.ts";
import type {
  Of10Action,
  Of13Action,
  Of13Instruction,
  Of13Match,
  OxmTlv,
} from "../../src/ofp/mod.ts";

const bytes = (...b: number[]) => Uint8Array.from(b);
const frame = bytes(...Array.from({ length: 60 }, (_, i) => (i * 7) & 0xff));
let xid = 0x100;
const next = () => xid++;

/** Prerequisites that Open vSwitch (and the spec) want before a field (OF1.3 §7.2.3.8). */
const IPV4 = [{ field: "eth_type", value: 0x0800 }] as OxmTlv[];
const IPV6 = [{ field: "eth_type", value: 0x86dd }] as OxmTlv[];
const ip = (proto: number, v6 = false) =>
  [...(v6 ? IPV6 : IPV4), { field: "ip_proto", value: proto }] as OxmTlv[];
const PREREQ: Record<string, OxmTlv[]> = {
  in_phy_port: [{ field: "in_port", value: 1 }],
  vlan_pcp: [{ field: "vlan_vid", value: 0x1000 | 10 }],
  ip_dscp: IPV4,
  ip_ecn: IPV4,
  ip_proto: IPV4,
  ipv4_src: IPV4,
  ipv4_dst: IPV4,
  tcp_src: ip(6),
  tcp_dst: ip(6),
  udp_src: ip(17),
  udp_dst: ip(17),
  sctp_src: ip(132),
  sctp_dst: ip(132),
  icmpv4_type: ip(1),
  icmpv4_code: ip(1),
  arp_op: [{ field: "eth_type", value: 0x0806 }],
  arp_spa: [{ field: "eth_type", value: 0x0806 }],
  arp_tpa: [{ field: "eth_type", value: 0x0806 }],
  arp_sha: [{ field: "eth_type", value: 0x0806 }],
  arp_tha: [{ field: "eth_type", value: 0x0806 }],
  ipv6_src: IPV6,
  ipv6_dst: IPV6,
  ipv6_flabel: IPV6,
  icmpv6_type: ip(58, true),
  icmpv6_code: ip(58, true),
  ipv6_nd_target: [...ip(58, true), { field: "icmpv6_type", value: 135 }] as OxmTlv[],
  ipv6_nd_sll: [...ip(58, true), { field: "icmpv6_type", value: 135 }] as OxmTlv[],
  ipv6_nd_tll: [...ip(58, true), { field: "icmpv6_type", value: 136 }] as OxmTlv[],
  mpls_label: [{ field: "eth_type", value: 0x8847 }],
  mpls_tc: [{ field: "eth_type", value: 0x8847 }],
  mpls_bos: [{ field: "eth_type", value: 0x8847 }],
  pbb_isid: [{ field: "eth_type", value: 0x88e7 }],
  ipv6_exthdr: IPV6,
};

/** A valid value and (for maskable fields) a mask for each OpenFlow-basic field. */
const VALUES: Record<string, [unknown, unknown?]> = {
  in_port: [1],
  in_phy_port: [2],
  metadata: [0x0123000089ab0000n, 0xffff0000ffff0000n],
  eth_dst: ["00:01:02:00:00:00", "ff:ff:ff:00:00:00"],
  eth_src: ["0a:0b:0c:0d:0e:00", "ff:ff:ff:ff:ff:00"],
  eth_type: [0x0800],
  vlan_vid: [0x1000 | 10, 0x1fff],
  vlan_pcp: [5],
  ip_dscp: [46],
  ip_ecn: [2],
  ip_proto: [17],
  ipv4_src: ["10.0.0.0", "255.255.255.0"],
  ipv4_dst: ["192.168.1.0", "255.255.255.0"],
  tcp_src: [1234],
  tcp_dst: [80],
  udp_src: [5353],
  udp_dst: [53],
  sctp_src: [2905],
  sctp_dst: [2906],
  icmpv4_type: [8],
  icmpv4_code: [0],
  arp_op: [1],
  arp_spa: ["10.1.0.0", "255.255.0.0"],
  arp_tpa: ["10.2.0.0", "255.255.0.0"],
  arp_sha: ["00:11:22:00:00:00", "ff:ff:ff:00:00:00"],
  arp_tha: ["66:77:88:00:00:00", "ff:ff:ff:00:00:00"],
  ipv6_src: ["2001:db8::", "ffff:ffff:ffff:ffff::"],
  ipv6_dst: ["fe80::", "ffff:ffff::"],
  ipv6_flabel: [0x12340, 0xffff0],
  icmpv6_type: [128],
  icmpv6_code: [0],
  ipv6_nd_target: ["2001:db8::5"],
  ipv6_nd_sll: ["00:00:00:00:00:01"],
  ipv6_nd_tll: ["00:00:00:00:00:02"],
  mpls_label: [100],
  mpls_tc: [3],
  mpls_bos: [1],
  pbb_isid: [0x123400, 0xffff00],
  tunnel_id: [0x4200n, 0xff00n],
  ipv6_exthdr: [0x4, 0x1ff],
};

function oxmCases(): Of13Match[] {
  const out: Of13Match[] = [];
  for (const info of of13.OXM_FIELDS) {
    const [value, mask] = VALUES[info.name];
    const pre = PREREQ[info.name] ?? [];
    out.push([...pre, { field: info.name, value } as OxmTlv]);
    if (mask !== undefined) out.push([...pre, { field: info.name, value, mask } as OxmTlv]);
  }
  return out;
}

/** Every OpenFlow 1.3 action, each valid for a flow with an IPv4/TCP match. */
export function of13Actions(): Of13Action[] {
  return [
    of13.output(2),
    of13.output(of13.OFPP.CONTROLLER, of13.OFPCML.NO_BUFFER),
    { type: "COPY_TTL_OUT" },
    { type: "COPY_TTL_IN" },
    { type: "SET_MPLS_TTL", mplsTtl: 64 },
    { type: "DEC_MPLS_TTL" },
    of13.pushVlan(),
    { type: "POP_VLAN" },
    { type: "PUSH_MPLS", ethertype: 0x8847 },
    { type: "POP_MPLS", ethertype: 0x0800 },
    { type: "SET_QUEUE", queueId: 3 },
    of13.group(7),
    { type: "SET_NW_TTL", nwTtl: 9 },
    { type: "DEC_NW_TTL" },
    of13.setField({ field: "eth_dst", value: "00:00:00:00:00:09" }),
    { type: "PUSH_PBB", ethertype: 0x88e7 },
    { type: "POP_PBB" },
    // Nicira's "resubmit(,3)" as an experimenter action, as ovs-ofctl writes it.
    { type: "EXPERIMENTER", experimenter: 0x2320, data: bytes(0, 14, 0xff, 0xf8, 3, 0, 0, 0) },
  ];
}

/** Every OpenFlow 1.0 action. */
export function of10Actions(): Of10Action[] {
  return [
    of10.output(2),
    { type: "SET_VLAN_VID", vlanVid: 10 },
    { type: "SET_VLAN_PCP", vlanPcp: 3 },
    { type: "STRIP_VLAN" },
    { type: "SET_DL_SRC", dlAddr: "00:0a:0b:0c:0d:0e" },
    { type: "SET_DL_DST", dlAddr: "00:01:02:03:04:05" },
    { type: "SET_NW_SRC", nwAddr: "10.0.0.1" },
    { type: "SET_NW_DST", nwAddr: "10.0.0.2" },
    { type: "SET_NW_TOS", nwTos: 0x20 },
    { type: "SET_TP_SRC", tpPort: 1000 },
    { type: "SET_TP_DST", tpPort: 2000 },
    { type: "ENQUEUE", port: 1, queueId: 2 },
    { type: "VENDOR", vendor: 0x2320, data: bytes(0, 14, 0xff, 0xf8, 3, 0, 0, 0) },
  ];
}

function of13Instructions(): Of13Instruction[][] {
  return [
    [of13.gotoTable(1)],
    [of13.writeMetadata(0x10n, 0xffn)],
    [of13.writeActions([of13.output(3)])],
    [of13.applyActions([of13.output(1)])],
    [of13.clearActions()],
    [of13.meter(1), of13.applyActions([of13.output(2)])],
  ];
}

const port13 = (portNo: number) => ({
  portNo,
  hwAddr: "aa:55:aa:55:00:01",
  name: `p${portNo}`,
  config: 0,
  state: 4,
  curr: 0x2820,
  advertised: 0,
  supported: 0,
  peer: 0,
  currSpeed: 10_000_000,
  maxSpeed: 0,
});
const port10 = (portNo: number) => ({
  portNo,
  hwAddr: "aa:55:aa:55:00:01",
  name: `p${portNo}`,
  config: 0,
  state: 0,
  curr: 0x2820 & 0xfff,
  advertised: 0,
  supported: 0,
  peer: 0,
});

/** The OpenFlow 1.3 set. */
export function of13Messages(): OfpMessage[] {
  const ipTcp = [...ip(6), { field: "tcp_dst", value: 80 }] as OxmTlv[];
  const msgs: OfpMessage[] = [
    {
      version: 4,
      type: "HELLO",
      xid: next(),
      elements: [{ type: "VERSIONBITMAP", bitmaps: [0x12] }],
    },
    {
      version: 4,
      type: "ERROR",
      xid: next(),
      errType: 1,
      code: 6,
      data: bytes(4, 2, 0, 8, 0, 0, 0, 1),
    },
    { ...of13.echoRequest(bytes(1, 2, 3)), xid: next() },
    { version: 4, type: "ECHO_REPLY", xid: next(), data: bytes(1, 2, 3) },
    // Nicira NXT_ROLE_REQUEST (subtype 10), role "other".
    {
      version: 4,
      type: "EXPERIMENTER",
      xid: next(),
      experimenter: 0x2320,
      expType: 10,
      data: bytes(0, 0, 0, 0),
    },
    { ...of13.featuresRequest(), xid: next() },
    {
      version: 4,
      type: "FEATURES_REPLY",
      xid: next(),
      datapathId: 0x1234n,
      nBuffers: 256,
      nTables: 254,
      auxiliaryId: 0,
      capabilities: 0x4f,
      reserved: 0,
    },
    { ...of13.getConfigRequest(), xid: next() },
    { version: 4, type: "GET_CONFIG_REPLY", xid: next(), flags: 0, missSendLen: 128 },
    { ...of13.setConfig(0, 0xffff), xid: next() },
    {
      version: 4,
      type: "PACKET_IN",
      xid: next(),
      bufferId: 0xffffffff,
      totalLen: 60,
      reason: 0,
      tableId: 0,
      cookie: 0n,
      match: [{ field: "in_port", value: 1 }],
      data: frame,
    },
    {
      version: 4,
      type: "FLOW_REMOVED",
      xid: next(),
      cookie: 5n,
      priority: 100,
      reason: 0,
      tableId: 0,
      durationSec: 10,
      durationNsec: 5,
      idleTimeout: 10,
      hardTimeout: 0,
      packetCount: 3n,
      byteCount: 180n,
      match: [{ field: "in_port", value: 1 }],
    },
    { version: 4, type: "PORT_STATUS", xid: next(), reason: 2, desc: port13(1) },
    { ...of13.packetOut({ actions: [of13.output(2)], data: frame }), xid: next() },
    {
      ...of13.groupMod({
        groupId: 7,
        groupType: 1,
        buckets: [{
          weight: 1,
          watchPort: 0xffffffff,
          watchGroup: 0xffffffff,
          actions: [of13.output(1)],
        }, {
          weight: 2,
          watchPort: 0xffffffff,
          watchGroup: 0xffffffff,
          actions: [of13.output(2)],
        }],
      }),
      xid: next(),
    },
    {
      version: 4,
      type: "PORT_MOD",
      xid: next(),
      portNo: 1,
      hwAddr: "aa:55:aa:55:00:01",
      config: 1,
      mask: 1,
      advertise: 0,
    },
    { version: 4, type: "TABLE_MOD", xid: next(), tableId: 0, config: 0 },
    { ...of13.barrierRequest(), xid: next() },
    { version: 4, type: "BARRIER_REPLY", xid: next() },
    { version: 4, type: "QUEUE_GET_CONFIG_REQUEST", xid: next(), port: 1 },
    {
      version: 4,
      type: "QUEUE_GET_CONFIG_REPLY",
      xid: next(),
      port: 1,
      queues: [{
        queueId: 1,
        port: 1,
        properties: [{ type: "MIN_RATE", rate: 100 }, { type: "MAX_RATE", rate: 500 }],
      }],
    },
    { ...of13.roleRequest(of13.OFPCR_ROLE.MASTER, 1n), xid: next() },
    { version: 4, type: "ROLE_REPLY", xid: next(), role: 2, generationId: 1n },
    { ...of13.getAsyncRequest(), xid: next() },
    {
      version: 4,
      type: "GET_ASYNC_REPLY",
      xid: next(),
      packetInMask: [3, 0],
      portStatusMask: [7, 7],
      flowRemovedMask: [15, 0],
    },
    {
      version: 4,
      type: "SET_ASYNC",
      xid: next(),
      packetInMask: [3, 0],
      portStatusMask: [7, 7],
      flowRemovedMask: [15, 0],
    },
    {
      ...of13.meterMod({
        meterId: 1,
        flags: of13.OFPMF.KBPS | of13.OFPMF.BURST,
        bands: [{ type: "DROP", rate: 1000, burstSize: 100 }, {
          type: "DSCP_REMARK",
          rate: 2000,
          burstSize: 100,
          precLevel: 1,
        }],
      }),
      xid: next(),
    },
    // Multipart requests.
    { ...of13.descRequest(), xid: next() },
    {
      ...of13.flowStatsRequest({ tableId: 0, match: [{ field: "in_port", value: 1 }] }),
      xid: next(),
    },
    { ...of13.aggregateStatsRequest(), xid: next() },
    { ...of13.tableStatsRequest(), xid: next() },
    { ...of13.portStatsRequest(), xid: next() },
    { ...of13.queueStatsRequest(), xid: next() },
    { ...of13.groupStatsRequest(), xid: next() },
    { ...of13.groupDescRequest(), xid: next() },
    { ...of13.groupFeaturesRequest(), xid: next() },
    { ...of13.meterStatsRequest(), xid: next() },
    { ...of13.meterConfigRequest(), xid: next() },
    { ...of13.meterFeaturesRequest(), xid: next() },
    { ...of13.tableFeaturesRequest(), xid: next() },
    { ...of13.portDescRequest(), xid: next() },
    // Multipart replies.
    ...replies13(),
  ];
  // A flow-mod per OXM field, masked and unmasked, with its prerequisites.
  for (const m of oxmCases()) {
    msgs.push({ ...of13.flowMod({ match: m, priority: 10 }), xid: next() });
  }
  // A flow-mod per action (OVS checks each action against the match: give it IPv4/TCP).
  for (const a of of13Actions()) {
    const match = a.type === "POP_MPLS" || a.type === "SET_MPLS_TTL" || a.type === "DEC_MPLS_TTL"
      ? [{ field: "eth_type", value: 0x8847 }] as OxmTlv[]
      : a.type === "POP_VLAN"
      ? [{ field: "vlan_vid", value: 0x1000 | 10 }] as OxmTlv[]
      : ipTcp;
    msgs.push({ ...of13.flowMod({ match, instructions: [of13.applyActions([a])] }), xid: next() });
  }
  // A packet-out per action as well: the actions list of a message with no match.
  for (const a of of13Actions()) {
    msgs.push({ ...of13.packetOut({ actions: [a], data: frame }), xid: next() });
  }
  for (const instructions of of13Instructions()) {
    msgs.push({ ...of13.flowMod({ tableId: 0, match: ipTcp, instructions }), xid: next() });
  }
  return msgs;
}

function replies13(): OfpMessage[] {
  const reply = (body: unknown, flags = 0) =>
    ({ version: 4, type: "MULTIPART_REPLY", xid: next(), flags, body }) as OfpMessage;
  const flow = (priority: number) => ({
    tableId: 0,
    durationSec: 1,
    durationNsec: 2,
    priority,
    idleTimeout: 0,
    hardTimeout: 0,
    flags: 0,
    cookie: 9n,
    packetCount: 1n,
    byteCount: 60n,
    match: [{ field: "in_port", value: 1 }] as OxmTlv[],
    instructions: [of13.applyActions([of13.output(2)])],
  });
  return [
    reply({
      type: "DESC",
      mfrDesc: "oftest",
      hwDesc: "hw",
      swDesc: "sw",
      serialNum: "1",
      dpDesc: "dp",
    }),
    reply({ type: "FLOW", entries: [flow(1), flow(2)] }, 1),
    reply({ type: "AGGREGATE", packetCount: 10n, byteCount: 600n, flowCount: 2 }),
    reply({
      type: "TABLE",
      entries: [{ tableId: 0, activeCount: 2, lookupCount: 10n, matchedCount: 8n }],
    }),
    reply({
      type: "PORT_STATS",
      entries: [{
        portNo: 1,
        rxPackets: 1n,
        txPackets: 2n,
        rxBytes: 3n,
        txBytes: 4n,
        rxDropped: 0n,
        txDropped: 0n,
        rxErrors: 0n,
        txErrors: 0n,
        rxFrameErr: 0n,
        rxOverErr: 0n,
        rxCrcErr: 0n,
        collisions: 0n,
        durationSec: 5,
        durationNsec: 0,
      }],
    }),
    reply({
      type: "QUEUE",
      entries: [{
        portNo: 1,
        queueId: 1,
        txBytes: 1n,
        txPackets: 1n,
        txErrors: 0n,
        durationSec: 1,
        durationNsec: 0,
      }],
    }),
    reply({
      type: "GROUP",
      entries: [{
        groupId: 7,
        refCount: 1,
        packetCount: 2n,
        byteCount: 120n,
        durationSec: 1,
        durationNsec: 0,
        bucketStats: [{ packetCount: 2n, byteCount: 120n }],
      }],
    }),
    reply({
      type: "GROUP_DESC",
      entries: [{
        groupType: 0,
        groupId: 7,
        buckets: [{
          weight: 0,
          watchPort: 0xffffffff,
          watchGroup: 0xffffffff,
          actions: [of13.output(1)],
        }],
      }],
    }),
    reply({
      type: "GROUP_FEATURES",
      types: 15,
      capabilities: 5,
      maxGroups: [16, 16, 16, 16],
      actions: [1, 1, 1, 1],
    }),
    reply({
      type: "METER",
      entries: [{
        meterId: 1,
        flowCount: 1,
        packetInCount: 5n,
        byteInCount: 300n,
        durationSec: 1,
        durationNsec: 0,
        bandStats: [{ packetBandCount: 1n, byteBandCount: 60n }],
      }],
    }),
    reply({
      type: "METER_CONFIG",
      entries: [{ flags: 1, meterId: 1, bands: [{ type: "DROP", rate: 1000, burstSize: 0 }] }],
    }),
    reply({
      type: "METER_FEATURES",
      maxMeter: 100,
      bandTypes: 6,
      capabilities: 15,
      maxBands: 4,
      maxColor: 0,
    }),
    reply({
      type: "TABLE_FEATURES",
      entries: [{
        tableId: 0,
        name: "classifier",
        metadataMatch: 0xffffffffffffffffn,
        metadataWrite: 0xffffffffffffffffn,
        config: 0,
        maxEntries: 1000,
        properties: [
          { type: "INSTRUCTIONS", ids: [{ type: 1, data: bytes() }, { type: 4, data: bytes() }] },
          { type: "NEXT_TABLES", tableIds: [1, 2] },
          { type: "APPLY_ACTIONS", ids: [{ type: 0, data: bytes() }] },
          { type: "MATCH", oxmIds: [0x80000004, 0x80000a02] },
        ],
      }],
    }),
    reply({ type: "PORT_DESC", entries: [port13(1), port13(2)] }),
  ];
}

/** The OpenFlow 1.0 set. */
export function of10Messages(): OfpMessage[] {
  const m = of10.match({ inPort: 1, dlType: 0x0800, nwProto: 6, nwDst: "10.0.0.0/8", tpDst: 80 });
  const msgs: OfpMessage[] = [
    { version: 1, type: "HELLO", xid: next(), elements: [] },
    {
      version: 1,
      type: "ERROR",
      xid: next(),
      errType: 1,
      code: 6,
      data: bytes(1, 2, 0, 8, 0, 0, 0, 1),
    },
    { ...of10.echoRequest(bytes(9, 8)), xid: next() },
    { version: 1, type: "ECHO_REPLY", xid: next(), data: bytes(9, 8) },
    {
      version: 1,
      type: "VENDOR",
      xid: next(),
      vendor: 0x2320,
      data: bytes(0, 0, 0, 11, 0, 0, 0, 0),
    },
    { ...of10.featuresRequest(), xid: next() },
    {
      version: 1,
      type: "FEATURES_REPLY",
      xid: next(),
      datapathId: 0x99n,
      nBuffers: 256,
      nTables: 1,
      capabilities: 0xc7,
      actions: 0xfff,
      ports: [port10(1), port10(2)],
    },
    { ...of10.getConfigRequest(), xid: next() },
    { version: 1, type: "GET_CONFIG_REPLY", xid: next(), flags: 0, missSendLen: 128 },
    { ...of10.setConfig(0, 128), xid: next() },
    {
      version: 1,
      type: "PACKET_IN",
      xid: next(),
      bufferId: 0xffffffff,
      totalLen: 60,
      inPort: 1,
      reason: 0,
      data: frame,
    },
    {
      version: 1,
      type: "FLOW_REMOVED",
      xid: next(),
      match: m,
      cookie: 1n,
      priority: 100,
      reason: 0,
      durationSec: 1,
      durationNsec: 0,
      idleTimeout: 10,
      packetCount: 1n,
      byteCount: 60n,
    },
    { version: 1, type: "PORT_STATUS", xid: next(), reason: 0, desc: port10(3) },
    { ...of10.packetOut({ actions: [of10.output(2)], data: frame }), xid: next() },
    {
      version: 1,
      type: "PORT_MOD",
      xid: next(),
      portNo: 1,
      hwAddr: "aa:55:aa:55:00:01",
      config: 1,
      mask: 1,
      advertise: 0,
    },
    { ...of10.barrierRequest(), xid: next() },
    { version: 1, type: "BARRIER_REPLY", xid: next() },
    { version: 1, type: "QUEUE_GET_CONFIG_REQUEST", xid: next(), port: 1 },
    {
      version: 1,
      type: "QUEUE_GET_CONFIG_REPLY",
      xid: next(),
      port: 1,
      queues: [{ queueId: 1, properties: [{ type: "MIN_RATE", rate: 100 }] }],
    },
    { ...of10.descStatsRequest(), xid: next() },
    { ...of10.flowStatsRequest(), xid: next() },
    { ...of10.aggregateStatsRequest(), xid: next() },
    { ...of10.tableStatsRequest(), xid: next() },
    { ...of10.portStatsRequest(), xid: next() },
    { ...of10.queueStatsRequest(), xid: next() },
  ];
  const reply = (body: unknown) =>
    ({ version: 1, type: "STATS_REPLY", xid: next(), flags: 0, body }) as OfpMessage;
  msgs.push(
    reply({
      type: "DESC",
      mfrDesc: "oftest",
      hwDesc: "hw",
      swDesc: "sw",
      serialNum: "1",
      dpDesc: "dp",
    }),
    reply({
      type: "FLOW",
      entries: [{
        tableId: 0,
        match: m,
        durationSec: 1,
        durationNsec: 0,
        priority: 5,
        idleTimeout: 0,
        hardTimeout: 0,
        cookie: 0n,
        packetCount: 1n,
        byteCount: 60n,
        actions: [of10.output(2)],
      }],
    }),
    reply({ type: "AGGREGATE", packetCount: 1n, byteCount: 60n, flowCount: 1 }),
    reply({
      type: "TABLE",
      entries: [{
        tableId: 0,
        name: "classifier",
        wildcards: 0x3fffff,
        maxEntries: 1000,
        activeCount: 1,
        lookupCount: 5n,
        matchedCount: 4n,
      }],
    }),
    reply({
      type: "PORT",
      entries: [{
        portNo: 1,
        rxPackets: 1n,
        txPackets: 2n,
        rxBytes: 3n,
        txBytes: 4n,
        rxDropped: 0n,
        txDropped: 0n,
        rxErrors: 0n,
        txErrors: 0n,
        rxFrameErr: 0n,
        rxOverErr: 0n,
        rxCrcErr: 0n,
        collisions: 0n,
      }],
    }),
    reply({
      type: "QUEUE",
      entries: [{ portNo: 1, queueId: 1, txBytes: 1n, txPackets: 1n, txErrors: 0n }],
    }),
  );
  for (const a of of10Actions()) {
    msgs.push({ ...of10.flowMod({ match: m, actions: [a] }), xid: next() });
    msgs.push({ ...of10.packetOut({ actions: [a], data: frame }), xid: next() });
  }
  for (
    const spec of [
      { inPort: 2 },
      { dlSrc: "00:01:02:03:04:05" },
      { dlDst: "00:01:02:03:04:06" },
      { dlVlan: 10 },
      { dlVlan: 10, dlVlanPcp: 3 },
      { dlType: 0x0806 },
      { dlType: 0x0800, nwTos: 0x20 },
      { dlType: 0x0800, nwProto: 17 },
      { dlType: 0x0800, nwSrc: "10.1.0.0/16" },
      { dlType: 0x0800, nwProto: 6, tpSrc: 22 },
    ]
  ) {
    msgs.push({
      ...of10.flowMod({ match: of10.match(spec), actions: [of10.output(1)] }),
      xid: next(),
    });
  }
  return msgs;
}
