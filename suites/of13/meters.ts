// OpenFlow 1.3 meters (1.3.5 §5.7, §7.3.4.4): drop bands in packets and kilobits per second
// measured over a burst (with wide margins: the suite runs on small shared machines), DSCP
// remark (optional), meter configuration, statistics and features, and the meter-mod errors.
import assert from "node:assert/strict";
import { of13 } from "../../src/ofp/mod.ts";
import type { Of13MeterBand, Of13MeterStats, Of13PortStats } from "../../src/ofp/mod.ts";
import { switchTest } from "../../src/testing/mod.ts";
import { build, tcp4 } from "../_frames.ts";
import { eventually, flowCount, installOrRefused, type T13, to } from "./_util.ts";

const group = "meters";
const opts = { version: 4, group, ports: 2, timeout: 40_000 } as const;
const { OFPMF, OFPMC, OFPMMFC } = of13;
const METER_MOD_FAILED = of13.OFPET.METER_MOD_FAILED;

function meterAdd(
  meterId: number,
  bands: Of13MeterBand[],
  flags: number = OFPMF.PKTPS | OFPMF.STATS,
) {
  return of13.meterMod({ command: OFPMC.ADD, meterId, flags, bands });
}

/** in_port a → meter `id` → output b. */
function metered(t: T13, id: number, match = {}) {
  const [a, b] = t.ports;
  return of13.flowMod({
    match: of13.match({ in_port: a, ...match }),
    instructions: [of13.meter(id), of13.applyActions(to(b))],
  });
}

/** A TCP frame of `size` bytes with a distinct source port. */
function sized(size: number, n: number): Uint8Array {
  return build([
    { type: "ethernet", dst: "00:01:02:03:04:05", src: "00:06:07:08:09:0a" },
    { type: "ipv4", src: "192.168.0.1", dst: "192.168.0.2" },
    { type: "tcp", srcPort: 1000 + n, dstPort: 80 },
    { type: "raw", data: new Uint8Array(size - 54) },
  ]);
}

/** The frames the switch under test has received on `port` so far (its rx_packets). */
async function received(t: T13, port: number): Promise<bigint> {
  const [entry] = await t.portStats(port);
  return (entry as Of13PortStats).rxPackets;
}

/**
 * Sends `frames` into the first port as fast as the data plane takes them (the first one
 * after the datapath settled), then counts what leaves by the second port until it has been
 * quiet for a second. Returns that count, how long the sending took, in seconds, and the port
 * counter the meter's own counters are held against: a data plane reached through a tester
 * switch may lose a frame of a burst before it reaches the switch under test.
 */
async function burst(
  t: T13,
  frames: Uint8Array[],
): Promise<{ passed: number; seconds: number; rxBefore: bigint }> {
  const [a, b] = t.ports;
  const rxBefore = await received(t, a);
  await t.send(a, frames[0]);
  const start = performance.now();
  for (const f of frames.slice(1)) await t.dataPlane.send(a, f);
  const seconds = (performance.now() - start) / 1000;
  let passed = 0;
  while (await t.dataPlane.poll(b, { timeout: 1000 })) passed++;
  return { passed, seconds, rxBefore };
}

/**
 * Checks meter 1's counters, with `check`, against the frames the switch received on the first
 * port since `rxBefore`: all `n` when the data plane lost none on the way, and at least the
 * `passed` that came out.
 */
async function expectMeterSawAll(
  t: T13,
  run: { rxBefore: bigint; passed: number },
  n: number,
  check: (stats: Of13MeterStats, came: bigint) => void,
): Promise<void> {
  await eventually(async () => {
    const came = await received(t, t.ports[0]) - run.rxBefore;
    assert.ok(
      came >= BigInt(run.passed) && came <= BigInt(n),
      `the port's rx_packets rose by ${came}: ${n} frames sent, ${run.passed} came out`,
    );
    const [s] = await t.meterStats(1);
    check(s, came);
  });
}

/**
 * The most frames a token bucket of `rate` frames/s and `burst` frames lets through while
 * frames arrive for `seconds`: the bucket, the rate over the sending time plus a second of
 * slack (frames queued in the switch), plus two for rounding.
 */
function allowed(rate: number, burst: number, seconds: number): number {
  return Math.ceil(burst + rate * (seconds + 1)) + 2;
}

switchTest("drop band in packets/s: a burst far above the rate is cut down", opts, async (t) => {
  await t.install(
    meterAdd(1, [of13.dropBand(5, 5)], OFPMF.PKTPS | OFPMF.BURST | OFPMF.STATS),
    metered(t, 1),
  );
  const n = 200;
  const { passed, seconds, rxBefore } = await burst(
    t,
    Array.from({ length: n }, (_, i) => sized(100, i)),
  );
  // 5 packets/s with a burst of 5 packets, measured against how long the sending took.
  const most = Math.min(allowed(5, 5, seconds), n - 1);
  assert.ok(passed >= 1, `some frames pass (got ${passed})`);
  assert.ok(
    passed <= most,
    `at most ${most} of ${n} frames sent in ${
      seconds.toFixed(2)
    } s pass a 5 packets/s meter, got ${passed}`,
  );
  await expectMeterSawAll(t, { rxBefore, passed }, n, (s, came) => {
    assert.equal(s.packetInCount, came, "the meter saw every frame");
    assert.equal(
      s.bandStats[0].packetBandCount,
      came - BigInt(passed),
      "the band dropped the rest",
    );
  });
});

switchTest("drop band in kb/s: a burst far above the rate is cut down", opts, async (t) => {
  await t.install(
    meterAdd(1, [of13.dropBand(50, 50)], OFPMF.KBPS | OFPMF.BURST | OFPMF.STATS),
    metered(t, 1),
  );
  const n = 200, size = 1000;
  const { passed, seconds, rxBefore } = await burst(
    t,
    Array.from({ length: n }, (_, i) => sized(size, i)),
  );
  // 50 kb/s with a 50 kb burst is 6.25 frames of 8 kb per second and a bucket of 6.25.
  const most = Math.min(allowed(6.25, 6.25, seconds), n - 1);
  assert.ok(passed >= 1, `some frames pass (got ${passed})`);
  assert.ok(
    passed <= most,
    `at most ${most} of ${n} 1000-byte frames sent in ${
      seconds.toFixed(2)
    } s pass a 50 kb/s meter, got ${passed}`,
  );
  await expectMeterSawAll(t, { rxBefore, passed }, n, (s, came) => {
    assert.equal(s.packetInCount, came);
    assert.equal(s.byteInCount, came * BigInt(size));
  });
});

switchTest("traffic below the rate passes untouched", opts, async (t) => {
  await t.install(meterAdd(1, [of13.dropBand(100_000)]), metered(t, 1));
  const frames = Array.from({ length: 20 }, (_, i) => sized(100, i));
  const { passed } = await burst(t, frames);
  assert.equal(passed, frames.length);
  const [s] = await t.meterStats(1);
  assert.equal(s.bandStats[0].packetBandCount, 0n, "the band dropped nothing");
});

switchTest(
  "DSCP remark band (optional: remarks above the rate, or refused with OFPMMFC_BAD_BAND)",
  opts,
  async (t) => {
    const [part] = await t.conn.transactMultipart(of13.meterFeaturesRequest());
    const features = (part as unknown as { body: { bandTypes: number } }).body;
    const supported = (features.bandTypes & (1 << of13.OFPMBT.DSCP_REMARK)) !== 0;
    const mod = meterAdd(
      1,
      [of13.dscpRemarkBand(5, 1, 5)],
      OFPMF.PKTPS | OFPMF.BURST | OFPMF.STATS,
    );
    const ok = await installOrRefused(t, mod, METER_MOD_FAILED, OFPMMFC.BAD_BAND);
    assert.equal(ok, supported, `meter features ${supported ? "list" : "do not list"} DSCP_REMARK`);
    if (!ok) return;
    await t.install(metered(t, 1, { eth_type: 0x0800 }));
    const [a, b] = t.ports;
    const n = 100;
    const frames = Array.from(
      { length: n },
      (_, i) => tcp4({ ip: { dscp: 10 }, tcp: { srcPort: 1000 + i } }), // AF11
    );
    const rxBefore = await received(t, a);
    await t.send(a, frames[0]);
    for (const f of frames.slice(1)) await t.dataPlane.send(a, f);
    let remarked = 0, kept = 0;
    for (;;) {
      const got = await t.dataPlane.poll(b, { timeout: 1000 });
      if (!got) break;
      const dscp = got.frame[15] >> 2;
      if (dscp === 10) kept++;
      else if (dscp === 12) remarked++; // AF11 -> AF12: one drop precedence up (RFC 2597)
      else assert.fail(`DSCP ${dscp}: expected 10 or 12`);
    }
    // Held against what came in: a tester in front of the switch may lose some of the burst.
    await eventually(async () => {
      const came = Number(await received(t, a) - rxBefore);
      assert.ok(came > n / 2 && came <= n, `${came} of ${n} frames came in`);
      assert.equal(kept + remarked, came, "a remark band drops nothing");
      assert.ok(
        remarked >= came / 2,
        `most frames above the rate are remarked (${remarked} of ${came})`,
      );
    });
  },
);

switchTest("meter configuration lists what was added", opts, async (t) => {
  const bands = [of13.dropBand(1000, 100)];
  await t.install(
    meterAdd(1, bands, OFPMF.KBPS | OFPMF.BURST),
    meterAdd(2, [of13.dropBand(50)], OFPMF.PKTPS),
  );
  const all = await t.meterConfig();
  assert.deepEqual(all.map((m) => m.meterId).sort(), [1, 2]);
  const [m1] = await t.meterConfig(1);
  assert.equal(m1.flags & (OFPMF.KBPS | OFPMF.PKTPS | OFPMF.BURST), OFPMF.KBPS | OFPMF.BURST);
  assert.deepEqual(m1.bands, bands);
});

switchTest("modify replaces the bands", opts, async (t) => {
  await t.install(meterAdd(1, [of13.dropBand(1000)]));
  await t.install(
    of13.meterMod({
      command: OFPMC.MODIFY,
      meterId: 1,
      flags: OFPMF.PKTPS,
      bands: [of13.dropBand(20)],
    }),
  );
  const [m] = await t.meterConfig(1);
  assert.deepEqual(m.bands.map((b) => b.rate), [20]);
});

switchTest("meter stats: flow count and what came in", opts, async (t) => {
  const [a, b] = t.ports;
  await t.install(
    meterAdd(1, [of13.dropBand(100_000)]),
    metered(t, 1, { eth_type: 0x0800 }),
    metered(t, 1, { eth_type: 0x86dd }),
  );
  for (let i = 0; i < 3; i++) {
    await t.send(a, tcp4());
    await t.verifyPackets(tcp4(), [b]);
  }
  const [s] = await t.meterStats(1);
  assert.equal(s.meterId, 1);
  assert.equal(s.flowCount, 2, "flow_count");
  assert.equal(s.packetInCount, 3n, "packet_in_count");
  assert.equal(s.byteInCount, BigInt(3 * tcp4().length), "byte_in_count");
  assert.equal(s.bandStats.length, 1, "one entry per band");
});

switchTest(
  "meter features: a maximum, the DROP band, at least one band per meter",
  opts,
  async (t) => {
    const [part] = await t.conn.transactMultipart(of13.meterFeaturesRequest());
    const f = (part as unknown as {
      body: { type: string; maxMeter: number; bandTypes: number; maxBands: number };
    }).body;
    assert.equal(f.type, "METER_FEATURES");
    assert.ok(f.maxMeter > 0, `max_meter ${f.maxMeter}`);
    assert.ok(f.bandTypes & (1 << of13.OFPMBT.DROP), "DROP bands are supported");
    assert.ok(f.maxBands >= 1, `max_bands ${f.maxBands}`);
  },
);

switchTest("delete removes the meter; OFPM_ALL removes every meter", opts, async (t) => {
  await t.install(
    meterAdd(1, [of13.dropBand(10)]),
    meterAdd(2, [of13.dropBand(10)]),
    meterAdd(3, [of13.dropBand(10)]),
  );
  await t.install(of13.meterMod({ command: OFPMC.DELETE, meterId: 2 }));
  assert.deepEqual((await t.meterConfig()).map((m) => m.meterId).sort(), [1, 3]);
  await t.install(of13.meterMod({ command: OFPMC.DELETE, meterId: of13.OFPM.ALL }));
  assert.deepEqual(await t.meterConfig(), []);
});

switchTest("add of an existing meter id: OFPMMFC_METER_EXISTS", opts, async (t) => {
  await t.install(meterAdd(1, [of13.dropBand(10)]));
  await t.verifyError(meterAdd(1, [of13.dropBand(20)]), {
    type: METER_MOD_FAILED,
    code: OFPMMFC.METER_EXISTS,
  });
  const [m] = await t.meterConfig(1);
  assert.equal(m.bands[0].rate, 10, "the meter is unchanged");
});

switchTest("modify of a meter that does not exist: OFPMMFC_UNKNOWN_METER", opts, async (t) => {
  await t.verifyError(
    of13.meterMod({
      command: OFPMC.MODIFY,
      meterId: 9,
      flags: OFPMF.PKTPS,
      bands: [of13.dropBand(1)],
    }),
    { type: METER_MOD_FAILED, code: OFPMMFC.UNKNOWN_METER },
  );
});

// ofp_meter_mod_failed_code: INVALID_METER is "Meter not added because Meter specified is
// invalid, or invalid meter in meter action"; UNKNOWN_METER is "Meter not modified because
// Meter does not exist" — the spec names no single code for a flow's meter instruction.
switchTest(
  "a flow that uses a meter that does not exist: OFPMMFC_INVALID_METER or UNKNOWN_METER",
  opts,
  async (t) => {
    const e = await t.verifyError(metered(t, 42), { type: METER_MOD_FAILED });
    assert.ok(
      e.code === OFPMMFC.INVALID_METER || e.code === OFPMMFC.UNKNOWN_METER,
      `refused with ${of13.errorName(e.errType, e.code)}`,
    );
    assert.equal(await flowCount(t), 0);
  },
);

for (
  const [name, id] of [["0", 0], ["OFPM_ALL", of13.OFPM.ALL], [
    "OFPM_MAX + 1",
    of13.OFPM.MAX + 1,
  ]] as const
) {
  switchTest(`add with meter id ${name}: OFPMMFC_INVALID_METER`, opts, async (t) => {
    await t.verifyError(meterAdd(id, [of13.dropBand(10)]), {
      type: METER_MOD_FAILED,
      code: OFPMMFC.INVALID_METER,
    });
  });
}

switchTest("a band of rate 0: OFPMMFC_BAD_RATE", opts, async (t) => {
  await t.verifyError(meterAdd(1, [of13.dropBand(0)]), {
    type: METER_MOD_FAILED,
    code: OFPMMFC.BAD_RATE,
  });
});

switchTest("flags KBPS and PKTPS together: OFPMMFC_BAD_FLAGS", opts, async (t) => {
  await t.verifyError(meterAdd(1, [of13.dropBand(10)], OFPMF.KBPS | OFPMF.PKTPS), {
    type: METER_MOD_FAILED,
    code: OFPMMFC.BAD_FLAGS,
  });
});

switchTest("an unknown band type: OFPMMFC_BAD_BAND", opts, async (t) => {
  const band: Of13MeterBand = {
    type: "UNKNOWN",
    bandType: 7,
    rate: 10,
    burstSize: 0,
    data: new Uint8Array(4),
  };
  await t.verifyError(meterAdd(1, [band]), { type: METER_MOD_FAILED, code: OFPMMFC.BAD_BAND });
});

switchTest("an unknown meter command: OFPMMFC_BAD_COMMAND", opts, async (t) => {
  await t.verifyError(
    of13.meterMod({ command: 5, meterId: 1, flags: OFPMF.PKTPS, bands: [of13.dropBand(1)] }),
    { type: METER_MOD_FAILED, code: OFPMMFC.BAD_COMMAND },
  );
});
