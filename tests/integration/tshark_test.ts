// A whole session with Open vSwitch, captured on loopback, decodes in Wireshark's OpenFlow
// dissector with no malformed packet: a third decoder agreeing with our bytes on the wire.
import assert from "node:assert/strict";
import { of13 } from "../../src/ofp/mod.ts";
import { peerTest } from "../_util/peers.ts";
import { rig } from "./_ovs_setup.ts";

const text = (b: Uint8Array) => new TextDecoder().decode(b);

peerTest(
  "tshark: a captured session has zero malformed OpenFlow packets",
  ["ovs", "tshark"],
  async () => {
    const dir = await Deno.makeTempDir({ prefix: "oftest-cap-" });
    try {
      const pcap = `${dir}/session.pcapng`;
      // Reserve a port for the controller so the capture filter can name it.
      const free = Deno.listen({ hostname: "127.0.0.1", port: 0 });
      const port = (free.addr as Deno.NetAddr).port;
      free.close();
      const tshark = new Deno.Command("tshark", {
        args: ["-i", "lo", "-f", `tcp port ${port}`, "-w", pcap],
        stdout: "null",
        stderr: "piped",
      }).spawn();
      const reader = tshark.stderr.getReader();
      let banner = "";
      while (!banner.includes("Capturing on")) {
        const { value, done } = await reader.read();
        if (done) break;
        banner += text(value);
      }
      try {
        await using r = await rig({ protocols: ["OpenFlow13"] }, {
          listen: { hostname: "127.0.0.1", port },
        });
        r.conn.send(
          of13.flowMod({
            priority: 5,
            match: of13.match({ in_port: 1 }),
            instructions: [of13.applyActions([of13.output(2)])],
          }),
        );
        await r.conn.transactMultipart(of13.flowStatsRequest());
        await r.conn.transactMultipart(of13.portDescRequest());
        await r.conn.echo(new Uint8Array([1, 2, 3]));
        await r.conn.barrier();
      } finally {
        // Let the last segments reach the capture, then stop it.
        await new Promise((resolve) => setTimeout(resolve, 300));
        tshark.kill("SIGINT");
        while (!(await reader.read()).done) { /* drain */ }
        await tshark.status;
      }
      const decode = ["-r", pcap, "-d", `tcp.port==${port},openflow`];
      const types = await new Deno.Command("tshark", {
        args: [...decode, "-Y", "openflow_v4", "-T", "fields", "-e", "openflow_v4.type"],
        stdout: "piped",
        stderr: "null",
      }).output();
      const seen = text(types.stdout).split("\n").filter(Boolean);
      assert.ok(seen.length >= 10, `only ${seen.length} OpenFlow 1.3 packets decoded`);
      for (const t of ["0", "5", "6", "14", "18", "19", "20", "21"]) {
        assert.ok(
          seen.some((s) => s.split(",").includes(t)),
          `message type ${t} was captured and decoded`,
        );
      }
      const expert = await new Deno.Command("tshark", {
        args: [...decode, "-q", "-z", "expert"],
        stdout: "piped",
        stderr: "null",
      })
        .output();
      assert.doesNotMatch(text(expert.stdout), /Malformed/i, text(expert.stdout));
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);
