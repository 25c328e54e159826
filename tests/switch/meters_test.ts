// Meters of the reference switch: drop and DSCP-remark bands, packet and kilobit rates, token
// buckets that refill over time, bursts, counters, deletion, and METER_MOD's errors.
import assert from "node:assert/strict";
import { SwitchError } from "../../src/controller/mod.ts";
import { of13, type OfpMessage } from "../../src/ofp/mod.ts";
import { parse } from "../../src/packet/mod.ts";
import { tcp4 } from "./_frames.ts";
import { rig } from "./_rig.ts";
import type {
  Of13MeterConfig,
  Of13MeterFeaturesBody,
  Of13MeterStats,
  Of13MultipartReply,
} from "../../src/ofp/mod.ts";

const { OFPMF, OFPMC, meterMod, dropBand, dscpRemarkBand } = of13;
const metered = (meterId: number) =>
  of13.flowMod({
    match: of13.match({ in_port: 1 }),
    instructions: [of13.meter(meterId), of13.applyActions([of13.output(2)])],
  });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function meterStats(
  r: Awaited<ReturnType<typeof rig>>,
  id: number,
): Promise<Of13MeterStats> {
  const [m] = await r.conn.transactMultipart(of13.meterStatsRequest(id));
  return ((m as Of13MultipartReply).body as { entries: Of13MeterStats[] }).entries[0];
}

Deno.test("meters: a packets/s drop band passes a second's worth, then drops; counters agree", async () => {
  await using r = await rig({ ports: 2 }, { versions: [4] });
  await r.apply(
    meterMod({ meterId: 1, flags: OFPMF.PKTPS | OFPMF.STATS, bands: [dropBand(10)] }),
    metered(1),
  );
  for (let i = 0; i < 50; i++) await r.link.send(1, tcp4());
  const passed = r.frames.take(2).length;
  assert.ok(passed >= 10 && passed <= 12, `${passed} of 50 passed a 10 packets/s meter`);
  const s = await meterStats(r, 1);
  assert.equal(s.packetInCount, 50n);
  assert.equal(s.flowCount, 1);
  assert.equal(s.bandStats[0].packetBandCount, BigInt(50 - passed));
});

Deno.test("meters: the bucket refills over time at the band's rate", async () => {
  await using r = await rig({ ports: 2 }, { versions: [4] });
  await r.apply(meterMod({ meterId: 2, flags: OFPMF.PKTPS, bands: [dropBand(50)] }), metered(2));
  for (let i = 0; i < 60; i++) await r.link.send(1, tcp4());
  const first = r.frames.take(2).length;
  assert.ok(first >= 50 && first <= 52, `burst: ${first}`);
  await sleep(200); // 50 packets/s × 0.2 s ≈ 10 tokens
  for (let i = 0; i < 30; i++) await r.link.send(1, tcp4());
  const later = r.frames.take(2).length;
  assert.ok(later >= 8 && later <= 14, `after 200 ms: ${later} passed`);
  // Traffic under the rate passes whole.
  await sleep(1000);
  for (let i = 0; i < 10; i++) {
    await r.link.send(1, tcp4());
    await sleep(25);
  }
  assert.equal(r.frames.take(2).length, 10);
});

Deno.test("meters: a kb/s band measures bits; OFPMF_BURST sets the bucket", async () => {
  await using r = await rig({ ports: 2 }, { versions: [4] });
  const frame = tcp4({ extra: 946 }); // 1000 bytes
  assert.equal(frame.length, 1000);
  // 100 kb/s holds one second: 100,000 bits = 12.5 frames of 8,000 bits.
  await r.apply(meterMod({ meterId: 3, flags: OFPMF.KBPS, bands: [dropBand(100)] }), metered(3));
  for (let i = 0; i < 40; i++) await r.link.send(1, frame);
  const passed = r.frames.take(2).length;
  assert.ok(passed >= 12 && passed <= 13, `${passed} frames of 1000 bytes passed 100 kb/s`);
  // A burst of 3 packets at a high rate: 3 pass at once.
  await r.apply(
    meterMod({
      command: OFPMC.MODIFY,
      meterId: 3,
      flags: OFPMF.PKTPS | OFPMF.BURST,
      bands: [dropBand(1000, 3)],
    }),
  );
  for (let i = 0; i < 20; i++) await r.link.send(1, frame);
  const burst = r.frames.take(2).length;
  assert.ok(burst >= 3 && burst <= 4, `burst of 3: ${burst}`);
});

Deno.test("meters: a DSCP remark band raises the drop precedence of what exceeds it", async () => {
  await using r = await rig({ ports: 2 }, { versions: [4] });
  await r.apply(
    meterMod({ meterId: 4, flags: OFPMF.PKTPS, bands: [dscpRemarkBand(5, 1)] }),
    metered(4),
  );
  for (let i = 0; i < 20; i++) await r.link.send(1, tcp4({ dscp: 10 })); // AF11
  const dscps = r.frames.take(2).map((f) => (parse(f)[1] as { dscp: number }).dscp);
  assert.equal(dscps.length, 20, "remarking drops nothing");
  const kept = dscps.filter((d) => d === 10).length,
    remarked = dscps.filter((d) => d === 12).length;
  assert.ok(kept >= 5 && kept <= 6, `${kept} kept AF11`);
  assert.equal(kept + remarked, 20, "the rest became AF12");
});

Deno.test("meters: the highest exceeded band applies", async () => {
  await using r = await rig({ ports: 2 }, { versions: [4] });
  // Remark above 5/s, drop above 10/s: 10 pass, 5 of them remarked, the rest dropped.
  await r.apply(
    meterMod({ meterId: 5, flags: OFPMF.PKTPS, bands: [dscpRemarkBand(5, 2), dropBand(10)] }),
    metered(5),
  );
  for (let i = 0; i < 30; i++) await r.link.send(1, tcp4({ dscp: 10 }));
  const dscps = r.frames.take(2).map((f) => (parse(f)[1] as { dscp: number }).dscp);
  assert.ok(dscps.length >= 10 && dscps.length <= 11, `${dscps.length} passed`);
  assert.ok(dscps.filter((d) => d === 14).length >= 4, "AF11 + 2 levels = AF13");
});

Deno.test("meters: config, features; deleting a meter removes its flows", async () => {
  await using r = await rig({ ports: 2 }, { versions: [4] });
  await r.apply(
    meterMod({ meterId: 6, flags: OFPMF.KBPS | OFPMF.BURST, bands: [dropBand(1000, 100)] }),
    metered(6),
  );
  const [cfg] = await r.conn.transactMultipart(of13.meterConfigRequest());
  const [c] = ((cfg as Of13MultipartReply).body as { entries: Of13MeterConfig[] }).entries;
  assert.deepEqual(c, {
    flags: OFPMF.KBPS | OFPMF.BURST,
    meterId: 6,
    bands: [dropBand(1000, 100)],
  });
  const features = ((await r.conn.transact(of13.meterFeaturesRequest())) as Of13MultipartReply)
    .body as Of13MeterFeaturesBody;
  assert.equal(features.bandTypes, 0b110);
  assert.ok(features.maxMeter >= 1);
  await r.apply(meterMod({ command: OFPMC.DELETE, meterId: 6 }));
  const [flows] = await r.conn.transactMultipart(of13.flowStatsRequest());
  assert.deepEqual(((flows as Of13MultipartReply).body as { entries: unknown[] }).entries, []);
});

Deno.test("meters: refused meter-mods get the spec's error", async (t) => {
  await using r = await rig({ ports: 2 }, { versions: [4] });
  await r.apply(meterMod({ meterId: 1, bands: [dropBand(10)] }));
  const cases: [string, OfpMessage, string][] = [
    [
      "ADD of an existing meter",
      meterMod({ meterId: 1, bands: [dropBand(10)] }),
      "OFPMMFC_METER_EXISTS",
    ],
    [
      "MODIFY of a missing meter",
      meterMod({ command: OFPMC.MODIFY, meterId: 2, bands: [dropBand(10)] }),
      "OFPMMFC_UNKNOWN_METER",
    ],
    ["meter id 0", meterMod({ meterId: 0, bands: [dropBand(10)] }), "OFPMMFC_INVALID_METER"],
    [
      "the CONTROLLER virtual meter",
      meterMod({ meterId: of13.OFPM.CONTROLLER, bands: [dropBand(10)] }),
      "OFPMMFC_INVALID_METER",
    ],
    [
      "both KBPS and PKTPS",
      meterMod({ meterId: 3, flags: OFPMF.KBPS | OFPMF.PKTPS, bands: [dropBand(10)] }),
      "OFPMMFC_BAD_FLAGS",
    ],
    ["a rate of 0", meterMod({ meterId: 3, bands: [dropBand(0)] }), "OFPMMFC_BAD_RATE"],
    [
      "an experimenter band",
      meterMod({
        meterId: 3,
        bands: [{
          type: "EXPERIMENTER",
          rate: 1,
          burstSize: 0,
          experimenter: 1,
          data: new Uint8Array(0),
        }],
      }),
      "OFPMMFC_BAD_BAND",
    ],
    [
      "nine bands",
      meterMod({ meterId: 3, bands: Array.from({ length: 9 }, (_, i) => dropBand(i + 1)) }),
      "OFPMMFC_OUT_OF_BANDS",
    ],
    [
      "a precedence level of 5",
      meterMod({ meterId: 3, bands: [dscpRemarkBand(10, 5)] }),
      "OFPMMFC_BAD_BAND_VALUE",
    ],
    ["an unknown command", meterMod({ command: 7, meterId: 3 }), "OFPMMFC_BAD_COMMAND"],
  ];
  for (const [name, msg, code] of cases) {
    await t.step(name, async () => {
      const e = await r.conn.transact(msg).then(() => assert.fail("no error"), (e) => e);
      assert.ok(e instanceof SwitchError, String(e));
      assert.equal(e.codeName, code);
    });
  }
});
