// `deno task perf --only ovs`: the Controller against a real Open vSwitch (dummy datapath):
// echo round trips against a bare socket to the same switch, and the packet-in rate on a
// table miss against the rate frames are injected.
import { Controller } from "../../src/controller/mod.ts";
import { of13 } from "../../src/ofp/mod.ts";
import { DataPlane, OvsSwitch, simpleTcpPacket } from "../../src/testing/mod.ts";
import { frames, header, hello, writeAll } from "./_frames.ts";
import { guard, quantile, type Result, within } from "./_harness.ts";

/** Echo round trips to Open vSwitch and its packet-in rate on a table miss. */
export async function realSwitch(quick: boolean, progress: (s: string) => void): Promise<Result[]> {
  const results: Result[] = [];
  const record = (r: Result) => results.push(r);
  const rounds = quick ? 1_000 : 5_000;
  progress("Open vSwitch: echo round trip (bare socket first)");
  await using controller = new Controller({ listen: { hostname: "127.0.0.1", port: 0 } });
  const [{ port }] = await controller.listening;
  const free = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const ovsPort = (free.addr as Deno.NetAddr).port;
  free.close();
  await using ovs = await OvsSwitch.start({
    bridges: [{
      ports: 2,
      protocols: ["OpenFlow10", "OpenFlow13"],
      controller: [`tcp:127.0.0.1:${port}`, `ptcp:${ovsPort}:127.0.0.1`],
    }],
  });
  const sw = await controller.connect({ timeout: 10_000 });
  // Baseline: a bare socket speaking OpenFlow to the same switch.
  const conn = await Deno.connect({ hostname: "127.0.0.1", port: ovsPort });
  conn.setNoDelay(true);
  await writeAll(conn, hello(4, [4]));
  const buf = new Uint8Array(65536);
  const bare: number[] = [];
  await guard("bare echoes to Open vSwitch", async () => {
    for (let i = 0; i < rounds; i++) {
      const t = performance.now();
      await writeAll(conn, header(4, 2, 8, 0x10000 + i));
      let done = false;
      while (!done) {
        const n = await conn.read(buf);
        if (n === null) throw new Error("Open vSwitch closed the baseline connection");
        frames(buf.subarray(0, n), (v, o) => {
          if (v.getUint8(o + 1) === 3 && v.getUint32(o + 4) === 0x10000 + i) done = true;
        });
      }
      bare.push((performance.now() - t) * 1000);
    }
  }, () => conn.close()).finally(() => {
    try {
      conn.close();
    } catch { /* closed by the guard */ }
  });
  const ours: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await sw.echo();
    ours.push((performance.now() - t) * 1000);
  }
  const o = quantile(ours, 0.5), b = quantile(bare, 0.5);
  record({
    bound: "Open vSwitch's own round trip (the bare socket pays it too) plus two wake-ups",
    name: "Open vSwitch echo round trip p50",
    value: o,
    unit: "µs",
    baseline: "bare socket to the same switch",
    baselineValue: b,
    ratio: o / b,
  });

  progress("Open vSwitch: packet-in rate on a table miss");
  sw.send(
    of13.flowMod({
      priority: 0,
      instructions: [of13.applyActions([of13.output(of13.OFPP.CONTROLLER, of13.OFPCML.NO_BUFFER)])],
    }),
  );
  await sw.barrier();
  let pins = 0;
  sw.register("PACKET_IN", () => {
    pins++;
    return true;
  });
  await using dp = await DataPlane.open(ovs.bridge());
  const frame = simpleTcpPacket();
  const count = quick ? 20_000 : 100_000;
  const t0 = performance.now();
  await within(
    (async () => {
      for (let i = 0; i < count; i++) await dp.send(1, frame);
    })(),
    60_000 + count,
    "injecting frames into Open vSwitch",
  );
  const injected = count / ((performance.now() - t0) / 1000);
  await new Promise((r) => setTimeout(r, 1000));
  const rate = pins / ((performance.now() - t0) / 1000);
  record({
    name: "Open vSwitch packet-ins on a table miss",
    value: rate,
    unit: "msg/s",
    baseline: "frames injected into the port",
    baselineValue: injected,
    ratio: rate / injected,
    bound: "Open vSwitch's dummy datapath",
  });
  return results;
}
