// A peer nobody here wrote: Open vSwitch's ovs-testcontroller (a learning switch) drives the
// reference switch over OpenFlow 1.0 and 1.3 and makes it forward frames between its ports.
import assert from "node:assert/strict";
import { build } from "../../src/packet/mod.ts";
import { ReferenceSwitch } from "../../src/switch/mod.ts";
import { peerTest, which } from "../_util/peers.ts";
import { Frames } from "./_rig.ts";

const H1 = "00:00:00:00:00:a1", H2 = "00:00:00:00:00:a2";
const frame = (src: string, dst: string, n: number) =>
  build([
    { type: "ethernet", src, dst },
    { type: "ipv4", src: "10.0.0.1", dst: "10.0.0.2" },
    { type: "udp", srcPort: 1000 + n, dstPort: 2000 },
    { type: "raw", data: new Uint8Array(20).fill(n) },
  ], { pad: true });

function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

for (
  const [name, versions, protocols] of [["1.0", [1], "OpenFlow10"], [
    "1.3",
    [4],
    "OpenFlow13",
  ]] as const
) {
  peerTest(`ovs-testcontroller (OpenFlow ${name}) makes the reference switch a learning switch`, [
    "ovs-testcontroller",
  ], async () => {
    const port = freePort();
    const dir = await Deno.makeTempDir({ prefix: "oftest-tc-" });
    const child = new Deno.Command(which("ovs-testcontroller")!, {
      args: [
        `ptcp:${port}:127.0.0.1`,
        "-O",
        protocols,
        "-vconsole:off",
        "--no-chdir",
        `--unixctl=${dir}/tc.ctl`,
      ],
      env: { OVS_RUNDIR: dir, OVS_LOGDIR: dir },
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).spawn();
    try {
      await using sw = await ReferenceSwitch.start({
        controller: `tcp:127.0.0.1:${port}`,
        ports: 3,
        versions,
        retry: { initialDelay: 20, maxDelay: 200 },
      });
      const ch = await sw.channel({ timeout: 10_000 });
      assert.equal(ch.version, versions[0]);
      const frames = new Frames();
      const link = sw.frameLink();
      await link.open((p, f) => frames.push(p, f));
      try {
        // h1 → h2: h2 is unknown, so the controller floods it (ports 2 and 3).
        const first = frame(H1, H2, 1);
        let flooded: Uint8Array[] = [];
        for (let attempt = 0; attempt < 20 && flooded.length === 0; attempt++) {
          await link.send(1, first); // the first may precede the controller's own set-up
          flooded = await frames.wait(2, 1, 500);
        }
        assert.deepEqual(flooded[0], first);
        assert.deepEqual((await frames.wait(3, 1, 1000))[0], first);
        // h2 → h1: h1 was learned on port 1; only port 1 gets it.
        const back = frame(H2, H1, 2);
        await link.send(2, back);
        assert.deepEqual((await frames.wait(1, 1, 2000))[0], back);
        // h1 → h2 again: h2 was learned on port 2.
        await new Promise((r) => setTimeout(r, 100));
        frames.take(2);
        frames.take(3);
        const again = frame(H1, H2, 3);
        await link.send(1, again);
        assert.deepEqual((await frames.wait(2, 1, 2000))[0], again);
        await new Promise((r) => setTimeout(r, 200));
        assert.deepEqual(frames.take(3), [], "not flooded once learned");
      } finally {
        await link.close();
      }
    } finally {
      try {
        child.kill("SIGTERM");
      } catch { /* it exited: its status says why */ }
      const status = await child.status;
      await Deno.remove(dir, { recursive: true });
      assert.ok(
        status.signal === "SIGTERM",
        `ovs-testcontroller ran until stopped (exit ${status.code})`,
      );
    }
  });
}
