// CI scale: all 40 of10 and 144 of13 pattern files against Open vSwitch (throughput tests
// excepted: `deno task ryu-suite --throughput` runs them, 30 s each). Prints the totals per
// version and category; every ERROR must be an Open vSwitch limitation listed in
// _ovs_limitations.ts (evidence in docs/ryu.md), and every listed limitation must still
// occur — a test that starts passing or failing differently shows up here.
import assert from "node:assert/strict";
import { peerTest } from "../_util/peers.ts";
import { explain, OVS_LIMITATIONS } from "./_ovs_limitations.ts";
import { runEveryPattern } from "./_run_all.ts";

peerTest(
  "Ryu suite: all of10 and of13 patterns against Open vSwitch",
  ["ovs", "ryu-switch-tests"],
  async () => {
    const all = await runEveryPattern("ovs");
    const n = (s: string) => all.filter((r) => r.status === s).length;
    const unexplained = all.filter((r) =>
      r.status === "ERROR" && !explain(r.file, r.description, r.reason!)
    ).map((r) => `${r.title} | ${r.description} | ${r.reason}`);
    assert.deepEqual(unexplained, [], "every ERROR is a known Open vSwitch limitation");
    for (const l of OVS_LIMITATIONS.filter((l) => !l.throughput)) {
      assert.ok(
        all.some((r) => r.status === "ERROR" && explain(r.file, r.description, r.reason!) === l),
        `limitation ${l.id} no longer occurs: update _ovs_limitations.ts and docs/ryu.md`,
      );
    }
    // Only the throughput tests (group and meter files) are left out.
    for (const r of all.filter((r) => r.status === "SKIPPED")) {
      assert.equal(r.reason, "throughput test (run with --throughput)");
      assert.match(r.title, /^(group|meter): /);
    }
    assert.ok(n("OK") >= 880, `${n("OK")} OK`);
  },
);

Deno.test("the limitation table explains only what it lists", () => {
  const file = "../shared/ryu-switch-tests/of13/action/11_COPY_TTL_OUT.json";
  const refused =
    "Failed to add flows: OFPErrorMsg[type=0x02 OFPET_BAD_ACTION, code=0x00 OFPBAC_BAD_TYPE]";
  assert.equal(explain(file, "d", refused)?.id, "copy-ttl");
  // The throughput limitations, from the --throughput run's reasons.
  assert.equal(
    explain(
      "../shared/ryu-switch-tests/of13/group/01_SELECT_IP.json",
      "2Mbps(ethernet/arp(src_ip=random,dst_ip=random)-->'in_port=1,actions=group:select(...)'",
      "Received unexpected throughput: {'in_port': 2} 0.00kbps, {'in_port': 3} 2049.16kbps (sent 5248 frames in 30.0 s)",
    )?.id,
    "select-hash",
  );
  // A select group that splits the IP frames is not explained: it would be our fault.
  assert.equal(
    explain(
      "../shared/ryu-switch-tests/of13/group/01_SELECT_IP.json",
      "2Mbps(ethernet/ipv4(src=random,dst=random)/tcp(src_port=random,dst_port=random))-->'...'",
      "Received unexpected throughput: {'in_port': 2} 0.00kbps, {'in_port': 3} 2049.16kbps (sent 5248 frames in 30.0 s)",
    ),
    undefined,
  );
  // The same file with another reason, or the same reason in another file: unexplained.
  assert.equal(
    explain(file, "d", "Received incorrect packet: ipv4.ttl: expected 63, got 64"),
    undefined,
  );
  assert.equal(explain(file.replace("11_COPY_TTL_OUT", "00_OUTPUT"), "d", refused), undefined);
});
