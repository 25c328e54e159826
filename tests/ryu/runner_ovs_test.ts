// The runner against Open vSwitch with patterns written here: each check passes on a right
// pattern and gives ERROR with Ryu's reason on a wrong one — a wrong expected egress frame,
// a wrong egress port, a flow that cannot be installed, a packet-in that differs, a frame
// that matches where a table miss is expected, a rate that is not the expected one.
import assert from "node:assert/strict";
import {
  parsePatternFile,
  runPatternFile,
  RyuTestbed,
  type RyuTestResult,
} from "../../src/ryu/mod.ts";
import { peerTest } from "../_util/peers.ts";

const TCP = [
  "ethernet(dst='22:22:22:22:22:22', src='12:11:11:11:11:11', ethertype=2048)",
  "ipv4(tos=32, proto=6, src='192.168.10.10', dst='192.168.20.20', ttl=64)",
  "tcp(dst_port=2222, option=bytes(b'\\x00' * 4), src_port=11111)",
  "b'\\x01\\x02\\x03\\x04'",
];
const apply = (...actions: unknown[]) => [{ OFPInstructionActions: { type: 4, actions } }];
const out = (port: number | string, maxLen?: number) => ({
  OFPActionOutput: maxLen === undefined ? { port } : { port, max_len: maxLen },
});

/** A 1.3 pattern file with one test per entry. */
function pattern13(...tests: { description: string; prerequisite: unknown[]; tests: unknown[] }[]) {
  return parsePatternFile(JSON.stringify(["test: runner", ...tests]), "runner_test.json", {
    version: 4,
  });
}

async function run13(...tests: Parameters<typeof pattern13>): Promise<RyuTestResult[]> {
  await using bed = await RyuTestbed.start({ target: { kind: "ovs" }, versions: [4] });
  return await runPatternFile(pattern13(...tests), bed.targets(4)[0], { tableMissWait: 1000 });
}

const ok = (r: RyuTestResult) => assert.equal(r.status, "OK", `${r.description}: ${r.reason}`);
function error(r: RyuTestResult, category: string, detail: RegExp): void {
  assert.equal(r.status, "ERROR", r.description);
  assert.equal(r.category, category, r.reason);
  assert.match(r.reason!, detail);
  assert.ok(r.reason!.startsWith(`${category}: `), r.reason);
}

peerTest(
  "ryu runner on OVS 1.3: egress — right frame OK; wrong frame, wrong port → ERROR",
  ["ovs"],
  async () => {
    const flow = (port: number) => ({
      OFPFlowMod: {
        match: { OFPMatch: { oxm_fields: [{ OXMTlv: { field: "eth_type", value: 2048 } }] } },
        instructions: apply(out(port)),
      },
    });
    const [right, wrongFrame, wrongPort] = await run13(
      { description: "right", prerequisite: [flow(2)], tests: [{ ingress: TCP, egress: TCP }] },
      {
        description: "wrong expected frame",
        prerequisite: [flow(2)],
        tests: [{
          ingress: TCP,
          egress: [TCP[0], TCP[1].replace("ttl=64", "ttl=63"), TCP[2], TCP[3]],
        }],
      },
      {
        description: "wrong port",
        prerequisite: [flow(3)],
        tests: [{ ingress: TCP, egress: TCP }],
      },
    );
    ok(right);
    // The reason carries the field diff.
    error(wrongFrame, "Received incorrect packet", /ipv4\.ttl: expected 63, got 64/);
    error(
      wrongPort,
      "Receiving timeout",
      /no change in tx_packets on target\. \(1 frame\(s\) left through port 3\)/,
    );
  },
);

peerTest(
  "ryu runner on OVS 1.3: a flow the switch refuses → Failed to add flows with the error's names",
  ["ovs"],
  async () => {
    const [refused, incorrect] = await run13(
      {
        description: "ipv4_src without eth_type",
        prerequisite: [{
          OFPFlowMod: {
            match: {
              OFPMatch: { oxm_fields: [{ OXMTlv: { field: "ipv4_src", value: "192.168.10.10" } }] },
            },
            instructions: apply(out(2)),
          },
        }],
        tests: [{ ingress: TCP, egress: TCP }],
      },
      {
        // A group the flow refers to that does not exist.
        description: "group 9 missing",
        prerequisite: [{
          OFPFlowMod: { instructions: apply({ OFPActionGroup: { group_id: 9 } }) },
        }],
        tests: [{ ingress: TCP, egress: TCP }],
      },
    );
    error(
      refused,
      "Failed to add flows",
      /OFPErrorMsg\[type=0x04 OFPET_BAD_MATCH, code=0x09 OFPBMC_BAD_PREREQ\]/,
    );
    error(
      incorrect,
      "Failed to add flows",
      /OFPErrorMsg\[type=0x02 OFPET_BAD_ACTION, code=0x09 OFPBAC_BAD_OUT_GROUP\]/,
    );
  },
);

peerTest("ryu runner on OVS 1.3: PACKET_IN and table-miss, right and wrong", ["ovs"], async () => {
  const toController = {
    OFPFlowMod: {
      match: { OFPMatch: { oxm_fields: [{ OXMTlv: { field: "eth_type", value: 2048 } }] } },
      instructions: apply(out(4294967293, 65535)),
    },
  };
  const toPort2 = {
    OFPFlowMod: {
      table_id: 0,
      match: { OFPMatch: { oxm_fields: [{ OXMTlv: { field: "eth_type", value: 2054 } }] } },
      instructions: apply(out(2)),
    },
  };
  const results = await run13(
    {
      description: "packet-in",
      prerequisite: [toController],
      tests: [{ ingress: TCP, PACKET_IN: TCP }],
    },
    {
      description: "packet-in of another frame",
      prerequisite: [toController],
      tests: [{
        ingress: TCP,
        PACKET_IN: [TCP[0].replace("22:22:22:22:22:22", "22:22:22:22:22:23"), ...TCP.slice(1)],
      }],
    },
    {
      description: "no packet-in",
      prerequisite: [toPort2],
      tests: [{ ingress: TCP, PACKET_IN: TCP }],
    },
    {
      description: "table-miss",
      prerequisite: [toPort2],
      tests: [{ ingress: TCP, "table-miss": [0] }],
    },
    {
      description: "matched, not missed",
      prerequisite: [toController],
      tests: [{ ingress: TCP, "table-miss": [0] }],
    },
    {
      description: "table 1 never looked up",
      prerequisite: [toPort2],
      tests: [{ ingress: TCP, "table-miss": [1] }],
    },
  );
  ok(results[0]);
  error(
    results[1],
    "Received incorrect packet",
    /ethernet\.dst: expected 22:22:22:22:22:23, got 22:22:22:22:22:22/,
  );
  error(results[2], "Receiving timeout", /^Receiving timeout: no packet-in\.$/);
  ok(results[3]);
  error(results[4], "Table-miss error", /increment in matched_count\./);
  error(results[5], "Table-miss error", /no change in lookup_count\./);
});

peerTest(
  "ryu runner on OVS 1.3: throughput within 10 % → OK, another rate → ERROR",
  ["ovs"],
  async () => {
    const packets = { data: TCP, pktps: 100, duration_time: 3 };
    const flow = { OFPFlowMod: { instructions: apply(out(2)) } };
    const inPort = (p: number) => ({ oxm_fields: [{ OXMTlv: { field: "in_port", value: p } }] });
    await using bed = await RyuTestbed.start({ target: { kind: "ovs" }, versions: [4] });
    const file = pattern13(
      {
        description: "100 pktps out of port 2",
        prerequisite: [flow],
        tests: [{
          ingress: { packets },
          egress: { throughput: [{ OFPMatch: inPort(2), pktps: 100 }] },
        }],
      },
      {
        description: "200 pktps expected",
        prerequisite: [flow],
        tests: [{
          ingress: { packets },
          egress: {
            throughput: [{ OFPMatch: inPort(2), pktps: 200 }, { OFPMatch: inPort(3), pktps: 100 }],
          },
        }],
      },
    );
    const skipped = await runPatternFile(file, bed.targets(4)[0]);
    assert.deepEqual(skipped.map((r) => r.status), ["SKIPPED", "SKIPPED"]);
    const [good, bad] = await runPatternFile(file, bed.targets(4)[0], { throughput: true });
    ok(good);
    error(
      bad,
      "Received unexpected throughput",
      /\{'in_port': 2\} \d+\.\d\dpktps, \{'in_port': 3\} 0\.00pktps/,
    );
  },
);

peerTest("ryu runner on OVS 1.0: egress and a refused flow", ["ovs"], async () => {
  await using bed = await RyuTestbed.start({ target: { kind: "ovs" }, versions: [1] });
  const file = parsePatternFile(
    JSON.stringify([
      "test: of10",
      {
        description: "nw_src/24 → 2",
        prerequisite: [{
          OFPFlowMod: {
            match: { OFPMatch: { dl_type: 2048, nw_src: "192.168.10.0", nw_src_mask: 24 } },
            actions: [{ OFPActionSetNwTos: { tos: 64 } }, out(2)],
          },
        }],
        tests: [{
          ingress: TCP,
          egress: [TCP[0], TCP[1].replace("tos=32", "tos=64"), TCP[2], TCP[3]],
        }],
      },
      {
        description: "VLAN priority 8",
        prerequisite: [{
          OFPFlowMod: { actions: [{ OFPActionVlanPcp: { vlan_pcp: 8 } }, out(2)] },
        }],
        tests: [{ ingress: TCP, egress: TCP }],
      },
    ]),
    "of10_test.json",
    { version: 1 },
  );
  const [good, bad] = await runPatternFile(file, bed.targets(1)[0]);
  ok(good);
  error(
    bad,
    "Failed to add flows",
    /OFPErrorMsg\[type=0x02 OFPET_BAD_ACTION, code=0x05 OFPBAC_BAD_ARGUMENT\]/,
  );
});
