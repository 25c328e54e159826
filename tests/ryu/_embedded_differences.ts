// The Ryu tests the embedded reference switch does not pass, each with the spec's reason
// (docs/differential.md has the evidence, and Open vSwitch's verdict on the same test). A
// test may be ERROR on the embedded switch only if one of these explains it; anything else
// is a bug of the switch or of the runner.

/** One known difference: which tests it makes ERROR, with which reason, and why. */
export interface EmbeddedDifference {
  /** Short name, used in docs/differential.md. */
  id: string;
  /** The pattern files it concerns (matched against the path). */
  file: RegExp;
  /** The tests it concerns (matched against the description); default all of the file. */
  description?: RegExp;
  /** The reason Ryu's checks give. */
  reason: RegExp;
  /** The spec's section and why the embedded switch's behaviour follows it. */
  spec: string;
}

/** Every known difference the of10 and of13 patterns hit on the embedded switch. */
export const EMBEDDED_DIFFERENCES: readonly EmbeddedDifference[] = [
  {
    id: "of10-ipv6",
    // nw_tos, nw_proto and tp_src/tp_dst matched (and mod_nw_tos, mod_tp_* applied) on IPv6
    // frames under an OpenFlow 1.0 match with dl_type 0x86dd: Open vSwitch's extension.
    file:
      /of10\/(match|action)\/\d\d_(NW_TOS|NW_PROTO|TP_SRC|TP_DST|SET_NW_TOS|SET_TP_SRC|SET_TP_DST)_IPv6(_TCP|_UDP)?\.json$/,
    reason:
      /^Received incorrect packet-in: (SW\[dpid=[0-9a-f]{16}\] \(the target sent a packet-in, reason=0\)|OFPPacketIn\[reason=0\])$/,
    spec:
      "1.0.0 §3.4: the lookup includes the IP header fields only for Ethernet type 0x0800, and the transport ports only for IP packets that are TCP or UDP; Table 5: Modify IPv4 ToS bits is only applied to IPv4 packets",
  },
  {
    id: "read-only-fields",
    file: /of13\/action\/25_SET_FIELD\/(05_ETH_TYPE|10_IP_PROTO_IPv[46]|36_MPLS_BOS)\.json$/,
    reason:
      /^Failed to add flows: OFPErrorMsg\[type=0x02 OFPET_BAD_ACTION, code=0x0d OFPBAC_BAD_SET_TYPE\]$/,
    spec:
      "1.3.5 §5.12: Set-Field actions are optional, the settable fields are the switch's (OFPTFPT_APPLY_SETFIELD, §7.3.5.5.2); OFPBAC_BAD_SET_TYPE is 'Unsupported type in SET_FIELD action' (§7.4.4). Open vSwitch refuses the same fields",
  },
];

/** The difference that explains an ERROR, if one does. */
export function explainEmbedded(
  file: string,
  description: string,
  reason: string,
): EmbeddedDifference | undefined {
  return EMBEDDED_DIFFERENCES.find((l) =>
    l.file.test(file) && (!l.description || l.description.test(description)) &&
    l.reason.test(reason)
  );
}
