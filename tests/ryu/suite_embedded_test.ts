// CI scale: all 40 of10 and 144 of13 pattern files against the embedded reference switch
// (throughput tests excepted). Prints the totals per version and category; every ERROR must
// be a difference listed in _embedded_differences.ts, each grounded in the spec
// (docs/differential.md), and every listed difference must still occur.
import assert from "node:assert/strict";
import { readPatternFile, type RyuTestResult } from "../../src/ryu/mod.ts";
import { peerTest, RYU_TESTS_DIR } from "../_util/peers.ts";
import { EMBEDDED_DIFFERENCES, explainEmbedded } from "./_embedded_differences.ts";
import { patternFiles } from "./_files.ts";
import { categoryLines, runAll } from "./_run_all.ts";

peerTest(
  "Ryu suite: all of10 and of13 patterns against the embedded switch",
  ["ryu-switch-tests"],
  async () => {
    const started = performance.now();
    const all: RyuTestResult[] = [];
    const table: string[] = [];
    for (const [dir, version, count] of [["of10", 1, 40], ["of13", 4, 144]] as const) {
      const paths = await patternFiles(`${RYU_TESTS_DIR}${dir}`);
      assert.equal(paths.length, count);
      const files = await Promise.all(paths.map((p) => readPatternFile(p)));
      const results = await runAll("embedded", files, version);
      all.push(...results);
      table.push(...categoryLines(dir, results));
    }
    const n = (s: string) => all.filter((r) => r.status === s).length;
    console.log(
      `${table.join("\n")}\nTotal: OK(${n("OK")}) / ERROR(${n("ERROR")}) / SKIPPED(${
        n("SKIPPED")
      }) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
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
