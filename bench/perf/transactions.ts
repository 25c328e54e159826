// `deno task perf --only transactions`: echo round trips against a separate-process echo
// peer, three ways in interleaved blocks (a bare main-thread socket; the floor — a worker
// that owns the socket, shared memory and Atomics both ways; the Controller), then 10,000
// transactions outstanding at once against a pipelined bare socket, alternating.
import { Controller } from "../../src/controller/mod.ts";
import { header, hello, writeAll } from "./_frames.ts";
import { openFloor } from "./floor.ts";
import {
  boundBy,
  controllerThreads,
  CpuMeter,
  guard,
  median,
  quantile,
  type Result,
  spawnPeer,
  within,
} from "./_harness.ts";

const EMULATOR = new URL("./peers/switch_emulator.ts", import.meta.url).pathname;

/** A bare main-thread connection to the echo peer, past its HELLO. */
async function bareConnection(port: number) {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  conn.setNoDelay(true);
  await writeAll(conn, hello(4, [4]));
  const buf = new Uint8Array(64 * 1024);
  for (let got = 0; got < 16;) {
    const n = await within(conn.read(buf.subarray(got)), 5000, "echo peer's HELLO");
    if (n === null) throw new Error("The echo peer closed before its HELLO");
    got += n;
  }
  return { conn, buf };
}

/** Every transaction row. */
export async function transactions(
  quick: boolean,
  progress: (s: string) => void,
): Promise<Result[]> {
  const blocks = quick ? 20 : 60;
  const perBlock = 100;
  const peer = spawnPeer(["run", "--allow-net", EMULATOR, "echo-peer"]);
  const results: Result[] = [];
  try {
    const { port } = (await peer.nextLine(10_000, "echo peer's port")) as { port: number };
    const { conn, buf } = await bareConnection(port);
    const floor = await openFloor(port);
    await using controller = new Controller({
      switch: { hostname: "127.0.0.1", port },
      retry: { initialDelay: 20 },
    });
    try {
      await floor.echo(hello(4, [4]), 16); // past the peer's HELLO
      const sw = await controller.connect({ timeout: 10_000 });
      const echo = header(4, 2, 8, 7);
      const bare: number[] = [], atFloor: number[] = [], ours: number[] = [];
      const cpu = new CpuMeter([...controllerThreads(), { name: "peer", pid: peer.pid }]);
      progress(
        `latency: ${blocks} interleaved blocks of ${perBlock} sequential echoes (bare, floor, ours)`,
      );
      const runBare = () =>
        guard("bare echo block", async () => {
          for (let i = 0; i < perBlock; i++) {
            const t = performance.now();
            await writeAll(conn, echo);
            for (let got = 0; got < 8;) {
              const n = await conn.read(buf.subarray(got));
              if (n === null) throw new Error("The echo peer closed the bare connection");
              got += n;
            }
            bare.push((performance.now() - t) * 1000);
          }
        }, () => conn.close());
      const runFloor = () =>
        guard("floor echo block", async () => {
          for (let i = 0; i < perBlock; i++) {
            const t = performance.now();
            await floor.echo(echo, 8);
            atFloor.push((performance.now() - t) * 1000);
          }
        }, () => floor.abort());
      const runOurs = async () => {
        cpu.start();
        // Each echo() has the Controller's own deadline (2 s): this block cannot hang.
        for (let i = 0; i < perBlock; i++) {
          const t = performance.now();
          await sw.echo();
          ours.push((performance.now() - t) * 1000);
        }
        cpu.stop();
      };
      // Short blocks, the order turning each time: what the machine does meanwhile falls on
      // all three alike.
      const order = [runBare, runFloor, runOurs];
      for (let b = 0; b < blocks; b++) {
        for (let k = 0; k < 3; k++) await order[(b + k) % 3]();
      }
      const bound = boundBy(cpu.shares());
      const [b50, f50, o50] = [bare, atFloor, ours].map((xs) => quantile(xs, 0.5));
      const [b99, o99] = [bare, ours].map((xs) => quantile(xs, 0.99));
      results.push(
        {
          name: "echo round trip p50: the floor (worker-owned socket, SAB + Atomics both ways)",
          value: f50,
          unit: "µs",
          baseline: "bare main-thread socket, same peer",
          baselineValue: b50,
          ratio: f50 / b50,
          bound: "two cross-thread wake-ups per round trip",
        },
        {
          name: "echo transaction p50, against the floor",
          value: o50,
          unit: "µs",
          baseline: "the floor, interleaved blocks",
          baselineValue: f50,
          ratio: o50 / f50,
          target: "≤ 1.15×",
          bound,
        },
        {
          name: "echo transaction p50",
          value: o50,
          unit: "µs",
          baseline: "bare main-thread socket, same peer",
          baselineValue: b50,
          ratio: o50 / b50,
          bound,
        },
        {
          name: "echo transaction p99",
          value: o99,
          unit: "µs",
          baseline: "bare main-thread socket, same peer",
          baselineValue: b99,
          ratio: o99 / b99,
          target: "≤ 3×",
          bound,
        },
      );

      const many = 10_000;
      const runs = 3;
      progress(`concurrency: ${many} echo transactions at once, ${runs} alternating runs`);
      const burst = new Uint8Array(8 * many);
      for (let i = 0; i < many; i++) burst.set(header(4, 2, 8, i + 1), i * 8);
      const bareRates: number[] = [], ourRates: number[] = [];
      const cpuMany = new CpuMeter([...controllerThreads(), { name: "peer", pid: peer.pid }]);
      for (let r = 0; r < runs; r++) {
        bareRates.push(
          await guard("pipelined bare burst", async () => {
            const t = performance.now();
            await writeAll(conn, burst);
            let bytes = 0;
            while (bytes < 8 * many) {
              const n = await conn.read(buf);
              if (n === null) throw new Error("The echo peer closed the bare connection");
              bytes += n;
            }
            return many / ((performance.now() - t) / 1000);
          }, () => conn.close()),
        );
        cpuMany.start();
        const t = performance.now();
        const settled = await Promise.allSettled(
          Array.from({ length: many }, () => sw.echo(new Uint8Array(0), { timeout: 30_000 })),
        );
        ourRates.push(many / ((performance.now() - t) / 1000));
        cpuMany.stop();
        const lost = settled.filter((s) =>
          s.status !== "fulfilled" || s.value.type !== "ECHO_REPLY"
        )
          .length;
        if (lost > 0) throw new Error(`concurrency: ${lost} of ${many} transactions were lost`);
      }
      const [o, b] = [median(ourRates), median(bareRates)];
      results.push({
        name: `${many} concurrent echo transactions, 0 lost (median of ${runs} alternating runs)`,
        value: o,
        unit: "tx/s",
        baseline: "bare socket, pipelined",
        baselineValue: b,
        ratio: o / b,
        target: "≥ 0.8×",
        bound: boundBy(cpuMany.shares()),
      });
    } finally {
      try {
        conn.close();
      } catch { /* closed by a block's guard */ }
      await floor.close();
    }
  } finally {
    await peer.stop();
  }
  return results;
}
