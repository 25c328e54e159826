// The Ryu tests Open vSwitch 3.1 cannot pass, each with what it lacks (docs/ryu.md has the
// evidence: its error replies, ofproto/trace output). A test may be ERROR only if one of
// these explains it; anything else is a bug of ours.

/** One known limitation: which tests it makes ERROR, with which reason. */
export interface OvsLimitation {
  /** Short name, used in docs/ryu.md. */
  id: string;
  /** The pattern files it concerns (matched against the path). */
  file: RegExp;
  /** The tests it concerns (matched against the description); default all of the file. */
  description?: RegExp;
  /** The reason Ryu's checks give. */
  reason: RegExp;
  /** Met only by throughput tests (`--throughput`), which the suite test does not run. */
  throughput?: boolean;
}

/** Every known Open vSwitch limitation the of10 and of13 patterns hit. */
export const OVS_LIMITATIONS: readonly OvsLimitation[] = [
  {
    id: "copy-ttl",
    file: /of13\/action\/1[12]_COPY_TTL_(OUT|IN)\.json$/,
    reason:
      /^Failed to add flows: OFPErrorMsg\[type=0x02 OFPET_BAD_ACTION, code=0x00 OFPBAC_BAD_TYPE\]$/,
  },
  {
    id: "pbb-actions",
    file: /of13\//,
    description: /push_pbb|pop_pbb/,
    reason:
      /^Failed to add flows: OFPErrorMsg\[type=0x02 OFPET_BAD_ACTION, code=0x00 OFPBAC_BAD_TYPE\]$/,
  },
  {
    id: "read-only-fields",
    file: /of13\/action\/25_SET_FIELD\/(05_ETH_TYPE|10_IP_PROTO_IPv[46]|36_MPLS_BOS)\.json$/,
    reason:
      /^Failed to add flows: OFPErrorMsg\[type=0x02 OFPET_BAD_ACTION, code=0x0f OFPBAC_BAD_SET_ARGUMENT\]$/,
  },
  {
    id: "pbb-isid",
    file: /of13\/(match\/37_PBB_ISID(_Mask)?|action\/25_SET_FIELD\/37_PBB_ISID)\.json$/,
    reason:
      /^Failed to add flows: OFPErrorMsg\[type=0x04 OFPET_BAD_MATCH, code=0x06 OFPBMC_BAD_FIELD\]$/,
  },
  {
    id: "ipv6-exthdr",
    file: /of13\/match\/39_IPV6_EXTHDR(_Mask)?\.json$/,
    reason:
      /^Failed to add flows: OFPErrorMsg\[type=0x04 OFPET_BAD_MATCH, code=0x06 OFPBMC_BAD_FIELD\]$/,
  },
  {
    id: "push-vlan-tci",
    file: /of13\/action\/17_PUSH_VLAN_multiple\.json$/,
    description: /push_vlan:0x88a8/,
    reason:
      /^Received incorrect packet: svlan\.pcp: expected 3, got 0; svlan\.vid: expected 100, got 0$/,
  },
  {
    id: "push-mpls-label",
    file: /of13\/action\/19_PUSH_MPLS\.json$/,
    description: /^ethernet\/ipv6\/tcp/,
    reason: /^Received incorrect packet: mpls\.label: expected 0, got 2$/,
  },
  {
    id: "push-mpls-ttl",
    file: /of13\/action\/19_PUSH_MPLS\.json$/,
    description: /^ethernet\/arp/,
    reason: /^Received incorrect packet: mpls\.ttl: expected 0, got 64$/,
  },
  {
    id: "dscp-remark-band",
    file: /of13\/meter\/02_DSCP_REMARK_/,
    reason:
      /^Failed to add meters: OFPErrorMsg\[type=0x0c OFPET_METER_MOD_FAILED, code=0x08 OFPMMFC_BAD_BAND\]$/,
    throughput: true,
  },
  {
    id: "select-hash",
    file: /of13\/group\/01_SELECT_(Weight_)?(Ether|IP)\.json$/,
    // Random MACs under IP, or random ARP addresses: all frames hash to one bucket.
    description: /ethernet\(dst=random,src=random\)\/ipv[46]|arp\(src_ip=random,dst_ip=random\)/,
    reason:
      /^Received unexpected throughput: \{'in_port': 2\} 0\.00kbps, \{'in_port': 3\} \d+\.\d\dkbps/,
    throughput: true,
  },
];

/** The limitation that explains an ERROR, if one does. */
export function explain(
  file: string,
  description: string,
  reason: string,
): OvsLimitation | undefined {
  return OVS_LIMITATIONS.find((l) =>
    l.file.test(file) && (!l.description || l.description.test(description)) &&
    l.reason.test(reason)
  );
}
