// Every pattern file Ryu publishes (of10, of13, of14) is read: every prerequisite becomes a
// codec object that encodes, every packet expression builds a frame that parses, and the
// OpenFlow 1.4 files are reported as needing 1.4, every test of them listed.
import assert from "node:assert/strict";
import { decode, encode } from "../../src/ofp/mod.ts";
import { parse } from "../../src/packet/mod.ts";
import { readPatternFile, type RyuPatternFile, skipPatternFile } from "../../src/ryu/mod.ts";
import { peerTest, RYU_TESTS_DIR } from "../_util/peers.ts";
import { patternFiles } from "./_files.ts";

async function readAll(dir: string): Promise<RyuPatternFile[]> {
  return await Promise.all(
    (await patternFiles(`${RYU_TESTS_DIR}${dir}`)).map((f) => readPatternFile(f)),
  );
}

const EXPECTED = { of10: 40, of13: 144, of14: 146 } as const;
const VERSION = { of10: 1, of13: 4, of14: 5 } as const;

for (const dir of ["of10", "of13", "of14"] as const) {
  peerTest(`Ryu patterns ${dir}: every file reads, every prerequisite encodes`, [
    "ryu-switch-tests",
  ], async () => {
    const files = await readAll(dir);
    assert.equal(files.length, EXPECTED[dir]);
    let prerequisites = 0, tests = 0;
    for (const f of files) {
      assert.equal(f.version, VERSION[dir], f.file);
      assert.match(f.title, /^(action|match|group|meter): /, f.file);
      assert.ok(f.tests.length > 0, f.file);
      for (const t of f.tests) {
        tests++;
        assert.ok(t.description.length > 0, `${f.file} ${t.path}`);
        assert.ok(t.prerequisite.length > 0, `${f.file} ${t.path}`);
        for (const m of t.prerequisite) {
          prerequisites++;
          assert.equal(m.version, dir === "of10" ? 1 : 4);
          // A codec object the codec accepts, and reads back the same.
          assert.deepEqual(decode(encode(m)), m, `${f.file} ${t.path}`);
        }
      }
    }
    assert.ok(prerequisites >= tests);
  });

  peerTest(`Ryu patterns ${dir}: every packet expression builds a frame that parses`, [
    "ryu-switch-tests",
  ], async () => {
    let packets = 0;
    for (const f of await readAll(dir)) {
      for (const t of f.tests) {
        for (const p of t.tests) {
          const list = p.kind === "egress"
            ? [p.ingress, p.egress]
            : p.kind === "packet-in"
            ? [p.ingress, p.packetIn]
            : [p.ingress];
          for (const packet of list) {
            const frame = packet.frame();
            assert.ok(frame.length >= 60, `${f.file} ${t.path}: ${frame.length} bytes`);
            const layers = parse(frame);
            assert.equal(layers[0].type, "ethernet");
            packets++;
          }
        }
      }
    }
    assert.ok(packets >= (dir === "of10" ? 334 : 1600), `${packets} packets`);
  });
}

peerTest("Ryu patterns of14: reported as needing OpenFlow 1.4, every test listed", [
  "ryu-switch-tests",
], async () => {
  const files = await readAll("of14");
  const results = files.flatMap((f) => skipPatternFile(f, 4));
  assert.equal(results.length, files.reduce((n, f) => n + f.tests.length, 0));
  assert.ok(results.length > 1000);
  for (const r of results) {
    assert.equal(r.status, "SKIPPED");
    assert.equal(r.reason, "needs OpenFlow 1.4 (this runner speaks 1.0 and 1.3)");
  }
});
