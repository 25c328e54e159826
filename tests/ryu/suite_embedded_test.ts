// CI scale: all 40 of10 and 144 of13 pattern files against the embedded reference switch
// (throughput tests excepted). Prints the totals per version and category; every ERROR must
// be a difference listed in _embedded_differences.ts, each grounded in the spec
// (docs/differential.md), and every listed difference must still occur.
import assert from "node:assert/strict";
import { peerTest } from "../_util/peers.ts";
import { EMBEDDED_DIFFERENCES, explainEmbedded } from "./_embedded_differences.ts";
import { runEveryPattern } from "./_run_all.ts";

peerTest(
  "Ryu suite: all of10 and of13 patterns against the embedded switch",
  ["ryu-switch-tests"],
  async () => {
    const all = await runEveryPattern("embedded");
    const n = (s: string) => all.filter((r) => r.status === s).length;
    const unexplained = all.filter((r) =>
      r.status === "ERROR" && !explainEmbedded(r.file, r.description, r.reason!)
    ).map((r) => `${r.title} | ${r.description} | ${r.reason}`);
    assert.deepEqual(unexplained, [], "every ERROR is a documented, spec-grounded difference");
    for (const d of EMBEDDED_DIFFERENCES) {
      assert.ok(
        all.some((r) =>
          r.status === "ERROR" && explainEmbedded(r.file, r.description, r.reason!) === d
        ),
        `difference ${d.id} no longer occurs: update _embedded_differences.ts and docs/differential.md`,
      );
    }
    for (const r of all.filter((r) => r.status === "SKIPPED")) {
      assert.equal(r.reason, "throughput test (run with --throughput)");
    }
    assert.equal(n("SKIPPED"), 51, "only the 51 throughput tests are skipped");
    assert.ok(n("OK") >= 1084, `${n("OK")} OK`);
  },
);

Deno.test("the embedded difference table explains only what it lists", () => {
  const v10 = "../shared/ryu-switch-tests/of10/match/06_NW_TOS_IPv6.json";
  const miss = "Received incorrect packet-in: SW[dpid=0000000000000001] (the target sent a " +
    "packet-in, reason=0)";
  assert.equal(explainEmbedded(v10, "d", miss)?.id, "of10-ipv6");
  assert.equal(
    explainEmbedded(v10, "d", "Received incorrect packet-in: OFPPacketIn[reason=0]")?.id,
    "of10-ipv6",
  );
  // The IPv4 file, or a wrong frame out of the IPv6 one: ours to fix, not explained.
  assert.equal(explainEmbedded(v10.replace("IPv6", "IPv4"), "d", miss), undefined);
  assert.equal(
    explainEmbedded(v10, "d", "Received incorrect packet: ipv6.trafficClass: expected 64, got 32"),
    undefined,
  );
  const setType =
    "Failed to add flows: OFPErrorMsg[type=0x02 OFPET_BAD_ACTION, code=0x0d OFPBAC_BAD_SET_TYPE]";
  const eth = "../shared/ryu-switch-tests/of13/action/25_SET_FIELD/05_ETH_TYPE.json";
  assert.equal(explainEmbedded(eth, "d", setType)?.id, "read-only-fields");
  // Another set-field refused the same way is not a documented difference.
  assert.equal(explainEmbedded(eth.replace("05_ETH_TYPE", "03_ETH_DST"), "d", setType), undefined);
  for (const d of EMBEDDED_DIFFERENCES) assert.match(d.spec, /§/, `${d.id} cites the spec`);
});
