// The Open vSwitch fixture and its data plane, against the real Open vSwitch (skipped by
// name where it is not installed; required under CI).
import assert from "node:assert/strict";
import {
  DataPlane,
  DataPlaneAssertionError,
  OvsNotFoundError,
  OvsSwitch,
  simpleTcpPacket,
  simpleUdpPacket,
} from "../../src/testing/mod.ts";
import { peerTest } from "../_util/peers.ts";

const alive = (pid: number | undefined) => {
  if (pid === undefined) return false;
  try {
    return Deno.readTextFileSync(`/proc/${pid}/cmdline`).length > 0;
  } catch {
    return false;
  }
};

const dpidOf = async (ovs: OvsSwitch, bridge: string) =>
  /dpid:([0-9a-f]{16})/.exec(await ovs.ofctl("-O", "OpenFlow13", "show", bridge))?.[1];

peerTest("OvsSwitch: start and close leave no process and no file behind", ["ovs"], async () => {
  const ovs = await OvsSwitch.start();
  const { ovsdbServer, ovsVswitchd } = await ovs.pids();
  assert.ok(alive(ovsdbServer) && alive(ovsVswitchd), "both daemons run");
  assert.ok((await Deno.stat(ovs.bridge().portSocket(1))).isSocket);
  await ovs.close();
  await ovs.close(); // idempotent
  assert.ok(!alive(ovsdbServer) && !alive(ovsVswitchd), "both daemons exited");
  await assert.rejects(() => Deno.stat(ovs.dir), Deno.errors.NotFound);
});

peerTest("OvsSwitch: two instances side by side, several bridges with their own datapath ids", [
  "ovs",
], async () => {
  await using a = await OvsSwitch.start({
    bridges: [{ name: "br0", datapathId: 0x10n }, {
      name: "br1",
      datapathId: 0xabcdefn,
      ports: [5, 7],
    }],
  });
  await using b = await OvsSwitch.start({
    bridges: [{ name: "br0", datapathId: 0x20n, protocols: ["OpenFlow13"] }],
  });
  assert.equal(await dpidOf(a, "br0"), "0000000000000010");
  assert.equal(await dpidOf(a, "br1"), "0000000000abcdef");
  assert.equal(await dpidOf(b, "br0"), "0000000000000020");
  assert.deepEqual(a.bridge("br1").ports, [5, 7]);
  assert.match(
    await a.ofctl("-O", "OpenFlow13", "show", "br1"),
    / 5\(br1-p5\).*\n[\s\S]* 7\(br1-p7\)/,
  );
  assert.throws(() => a.bridge("nope"), RangeError);
});

peerTest("DataPlane: a flow installed with ovs-ofctl forwards a frame from port 1 to port 2 only", [
  "ovs",
], async () => {
  await using ovs = await OvsSwitch.start({ bridges: [{ ports: 3 }] });
  await ovs.ofctl("add-flow", "br0", "in_port=1,actions=output:2");
  await using dp = await DataPlane.open(ovs.bridge());
  assert.deepEqual(dp.ports, [1, 2, 3]);
  const frame = simpleTcpPacket({ pktLen: 80 });
  await dp.send(1, frame);
  await dp.verifyPacket(2, frame, 2000);
  await dp.verifyNoOtherPackets(200);
  // A frame the flow table does not match (secure fail mode, no controller) goes nowhere.
  await dp.send(3, simpleUdpPacket());
  await dp.verifyNoOtherPackets(200);
  await assert.rejects(() => dp.verifyPacket(2, frame, 100), DataPlaneAssertionError);
  const dumped = await ovs.ofctl("dump-flows", "br0");
  assert.match(dumped, /n_packets=1, n_bytes=80,.*in_port=1 actions=output:2/);
});

peerTest("DataPlane: poll by predicate and queue across ports", ["ovs"], async () => {
  await using ovs = await OvsSwitch.start({ bridges: [{ ports: 3, failMode: "secure" }] });
  await ovs.ofctl("add-flow", "br0", "in_port=1,actions=output:2,output:3");
  await using dp = await DataPlane.open(ovs.bridge());
  const a = simpleTcpPacket({ dport: 1 });
  const b = simpleTcpPacket({ dport: 2 });
  await dp.send(1, a);
  await dp.send(1, b);
  const onB = (f: Uint8Array) => f[37] === 2; // TCP destination port, low byte
  assert.deepEqual(await dp.poll(3, { match: onB, timeout: 2000 }), { port: 3, frame: b });
  assert.deepEqual(await dp.poll(3, { timeout: 2000 }), { port: 3, frame: a });
  assert.equal((await dp.poll(2, { timeout: 2000 }))?.frame.length, a.length);
  assert.equal((await dp.poll(2, { timeout: 2000 }))?.frame.length, b.length);
  assert.equal(await dp.poll(undefined, { timeout: 50 }), undefined);
});

peerTest(
  "OvsSwitch: restart keeps the datapath id and ports, loses the flows",
  ["ovs"],
  async () => {
    await using ovs = await OvsSwitch.start({ bridges: [{ datapathId: 0x42n }] });
    await ovs.ofctl("add-flow", "br0", "in_port=1,actions=drop");
    const before = (await ovs.pids()).ovsVswitchd;
    await ovs.restart();
    const after = (await ovs.pids()).ovsVswitchd;
    assert.notEqual(after, before);
    assert.ok(!alive(before));
    assert.equal(await dpidOf(ovs, "br0"), "0000000000000042");
    assert.doesNotMatch(await ovs.ofctl("dump-flows", "br0"), /in_port=1/);
  },
);

Deno.test({
  name: "OvsSwitch: a missing binary names its package and install command",
  permissions: { read: true, env: true },
  fn: async () => {
    const err = await OvsSwitch.start({ path: "/nonexistent-oftest-dir" }).then(
      () => assert.fail("started without binaries"),
      (e) => e,
    );
    assert.ok(err instanceof OvsNotFoundError);
    assert.equal(err.binary, "ovsdb-tool");
    assert.equal(err.package, "openvswitch-switch");
    assert.match(err.message, /apt-get install -y --no-install-recommends openvswitch-switch/);
  },
});
