// Cross-check with a decoder no one here wrote: Open vSwitch's `ovs-ofctl ofp-print` decodes
// every generated message with no `***` error marker, and its headline agrees with ours.
import assert from "node:assert/strict";
import { encode, of10, of13, type OfpMessage } from "../../src/ofp/mod.ts";
import { of10Messages, of13Messages } from "../_util/generate.ts";
import { peerTest } from "../_util/peers.ts";

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

// Open vSwitch 3.1 does not implement these parts of OpenFlow 1.3 and rejects them with
// OFPBMC_BAD_FIELD / OFPBAC_BAD_TYPE (or, for table features, requires properties of its
// own): they are checked by the round-trip tests and the hand-made byte vectors instead.
const OVS_LACKS_FIELDS = new Set(["in_phy_port", "pbb_isid", "ipv6_exthdr"]);
const OVS_LACKS_ACTIONS = new Set(["COPY_TTL_OUT", "COPY_TTL_IN", "PUSH_PBB", "POP_PBB"]);

function ovsSupports(m: OfpMessage): boolean {
  if (m.type === "MULTIPART_REPLY" && m.body.type === "TABLE_FEATURES") return false;
  if (m.version === 4 && m.type === "FLOW_MOD") {
    if (m.match.some((t) => OVS_LACKS_FIELDS.has(t.field))) return false;
    if (
      m.instructions.some((i) =>
        "actions" in i && i.actions.some((a) => OVS_LACKS_ACTIONS.has(a.type))
      )
    ) return false;
  }
  if (
    m.version === 4 && m.type === "PACKET_OUT" &&
    m.actions.some((a) => OVS_LACKS_ACTIONS.has(a.type))
  ) return false;
  return true;
}

const OVS_MULTIPART: Record<string, string> = { PORT_STATS: "PORT" };

/** The start of Open vSwitch's headline for a message. */
function headline(m: OfpMessage): string {
  const version = m.version === 4 ? " (OF1.3)" : "";
  let name: string = `OFPT_${m.type}`;
  if (
    m.type === "MULTIPART_REQUEST" || m.type === "MULTIPART_REPLY" || m.type === "STATS_REQUEST" ||
    m.type === "STATS_REPLY"
  ) {
    const kind = m.type.endsWith("REQUEST") ? "request" : "reply";
    name = `OFPST_${OVS_MULTIPART[m.body.type] ?? m.body.type} ${kind}`;
  } else if (m.type === "EXPERIMENTER") {
    name = "NXT_ROLE_REQUEST";
  } else if (m.type === "VENDOR") {
    name = "NXT_";
  }
  return name.startsWith("NXT_") ? name : `${name}${version} (xid=0x${m.xid.toString(16)})`;
}

/** A field of the message that Open vSwitch prints too, where one is easy to name. */
function detail(m: OfpMessage): string | undefined {
  switch (m.type) {
    case "FEATURES_REPLY":
      return `dpid:${m.datapathId.toString(16).padStart(16, "0")}`;
    case "PACKET_IN":
      return `total_len=${m.totalLen}`;
    case "ERROR":
      return m.version === 4
        ? of13.errorName(m.errType, m.code)
        : of10.errorName(m.errType, m.code);
    case "FLOW_MOD":
      return m.priority !== 0x8000 ? `priority=${m.priority}` : undefined;
    case "PORT_STATUS":
      return m.desc.name;
    case "ECHO_REQUEST":
    case "ECHO_REPLY":
      return `${m.data.length} bytes of payload`;
  }
  return undefined;
}

async function ofpPrint(bytes: Uint8Array): Promise<string> {
  const out = await new Deno.Command("ovs-ofctl", {
    args: ["ofp-print", hex(bytes)],
    stdout: "piped",
    stderr: "piped",
  })
    .output();
  return new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
}

peerTest("ovs-ofctl ofp-print decodes every generated message and agrees on its headline", [
  "ovs-ofctl",
], async () => {
  const all = [...of10Messages(), ...of13Messages()];
  const checked = all.filter(ovsSupports);
  assert.ok(checked.length >= 200, `only ${checked.length} messages to cross-check`);
  const failures: string[] = [];
  // A few processes at a time: each run is a short-lived process.
  for (let i = 0; i < checked.length; i += 8) {
    const batch = checked.slice(i, i + 8);
    const outputs = await Promise.all(batch.map((m) => ofpPrint(encode(m))));
    batch.forEach((m, j) => {
      const out = outputs[j];
      const first = out.split("\n")[0];
      const want = headline(m);
      const extra = detail(m);
      if (out.includes("***")) failures.push(`${m.type}: ${out.slice(0, 200)}`);
      else if (!first.startsWith(want) && !(want.startsWith("NXT_") && first.startsWith(want))) {
        failures.push(`${m.type}: expected headline ${want}, got ${first}`);
      } else if (extra && !out.includes(extra)) {
        failures.push(`${m.type}: expected ${extra} in ${out.slice(0, 200)}`);
      }
    });
  }
  assert.deepEqual(failures, []);
});
