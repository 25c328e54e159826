// The Open vSwitch fixture and its data plane, against the real Open vSwitch (skipped by
// name where it is not installed; required under CI).
import assert from "node:assert/strict";
import {
  DataPlane,
  DataPlaneAssertionError,
  makeTestPki,
  OvsCommandError,
  OvsConfigError,
  OvsNotFoundError,
  OvsSwitch,
  simpleArpPacket,
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
  const frame = simpleTcpPacket({ pktlen: 80 });
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
  const a = simpleTcpPacket({ tcpDport: 1 });
  const b = simpleTcpPacket({ tcpDport: 2 });
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
  "OvsSwitch: restart keeps the datapath id and ports, loses the flows, data plane reopens",
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
    // The data ports come back with new sockets: a data plane opened now forwards again.
    await ovs.ofctl("add-flow", "br0", "in_port=1,actions=output:2");
    await using dp = await DataPlane.open(ovs.bridge());
    const frame = simpleUdpPacket();
    await dp.send(1, frame);
    await dp.verifyPacket(2, frame);
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
    assert.equal(
      err.installCommand,
      "apt-get install -y --no-install-recommends openvswitch-switch",
    );
    assert.equal(err.searchPath, "/nonexistent-oftest-dir");
    assert.match(err.message, /ovsdb-tool.*openvswitch-switch/);
    assert.match(err.message, /\(apt-get install -y --no-install-recommends openvswitch-switch\)$/);
  },
});

/** Processes whose command line mentions `text`. */
function processesMentioning(text: string): number[] {
  const found: number[] = [];
  for (const entry of Deno.readDirSync("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    try {
      if (Deno.readTextFileSync(`/proc/${entry.name}/cmdline`).includes(text)) {
        found.push(Number(entry.name));
      }
    } catch { /* exited meanwhile */ }
  }
  return found;
}

peerTest("OvsSwitch: a start that fails half-way stops its daemons and removes its files", [
  "ovs",
], async () => {
  const parent = await Deno.makeTempDir({ prefix: "oftest-ovs-parent-" });
  try {
    // The daemons are up when the second bridge of the same name is refused.
    const err = await OvsSwitch.start({
      tmpDir: parent,
      bridges: [{ name: "br0" }, { name: "br0" }],
    })
      .then(() => assert.fail("started with two bridges named br0"), (e) => e);
    assert.ok(err instanceof OvsCommandError, String(err));
    assert.match(err.stderr, /bridge named br0 already exists/, "ovsdb-server was answering");
    assert.deepEqual([...Deno.readDirSync(parent)], [], "the instance directory is gone");
    assert.deepEqual(processesMentioning(parent), [], "no daemon left running");
  } finally {
    await Deno.remove(parent, { recursive: true });
  }
});

peerTest("OvsSwitch: an interface Open vSwitch could not create is an OvsConfigError", [
  "ovs",
], async () => {
  await using ovs = await OvsSwitch.start();
  // ovs-vsctl itself exits 0 here; the error only shows in the interface's error column.
  await ovs.vsctl("add-port", "br0", "bad", "--", "set", "interface", "bad", "type=nosuchtype");
  const err = await ovs.addBridge({ name: "br1", datapathId: 9n }).then(
    () => assert.fail("addBridge ignored a broken interface"),
    (e) => e,
  );
  assert.ok(err instanceof OvsConfigError, String(err));
  assert.equal(err.bridge, "br1");
  assert.deepEqual(Object.keys(err.interfaces), ["bad"]);
  assert.match(err.interfaces.bad, /could not open network device bad/);
});

/** Reads one OpenFlow message header (version, type, length) from `conn`. */
async function readHeader(conn: Deno.Conn): Promise<[number, number, number]> {
  const buf = new Uint8Array(8);
  for (let at = 0; at < 8;) {
    const n = await conn.read(buf.subarray(at));
    if (n === null) throw new Error("connection closed before an OpenFlow header");
    at += n;
  }
  return [buf[0], buf[1], (buf[2] << 8) | buf[3]];
}

peerTest("OvsSwitch: setController makes Open vSwitch dial at once, or listen", [
  "ovs",
], async () => {
  await using ovs = await OvsSwitch.start({ bridges: [{ protocols: ["OpenFlow13"] }] });
  // tcp: Open vSwitch dials us and opens with a HELLO of its highest version.
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  await ovs.setController("br0", `tcp:127.0.0.1:${listener.addr.port}`);
  {
    using conn = await listener.accept();
    assert.deepEqual((await readHeader(conn)).slice(0, 2), [4, 0], "an OpenFlow 1.3 HELLO");
  }
  // ptcp: Open vSwitch listens (on a port that was free a moment ago); dial it.
  const free = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = free.addr.port;
  free.close();
  await ovs.setController("br0", `ptcp:${port}:127.0.0.1`);
  const dial = async (): Promise<Deno.TcpConn> => {
    for (let i = 0;; i++) {
      try {
        return await Deno.connect({ hostname: "127.0.0.1", port });
      } catch (e) {
        if (!(e instanceof Deno.errors.ConnectionRefused) || i === 100) throw e;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };
  using conn = await dial();
  assert.deepEqual((await readHeader(conn)).slice(0, 2), [4, 0]);
});

peerTest("OvsSwitch: the ssl option hands Open vSwitch absolute key paths", [
  "ovs",
  "openssl",
], async () => {
  await using pki = await makeTestPki();
  await using ovs = await OvsSwitch.start({
    ssl: {
      privateKey: pki.switch.keyFile,
      certificate: pki.switch.certFile,
      caCertificate: pki.ca.certFile,
    },
  });
  const ssl = await ovs.vsctl("get-ssl");
  assert.match(ssl, new RegExp(`Private key: ${pki.switch.keyFile}`));
  assert.match(ssl, new RegExp(`Certificate: ${pki.switch.certFile}`));
  assert.match(ssl, new RegExp(`CA Certificate: ${pki.ca.certFile}`));
});

peerTest("DataPlane: verifyPackets expects copies on some ports and none on the others", [
  "ovs",
], async () => {
  await using ovs = await OvsSwitch.start({ bridges: [{ ports: [1, 2, 3, 4] }] });
  await ovs.ofctl("add-flow", "br0", "in_port=1,actions=output:2,output:4");
  await using dp = await DataPlane.open(ovs.bridge());
  const frame = simpleArpPacket();
  await dp.send(1, frame);
  await dp.verifyPackets(frame, [2, 4]);
  // Change the flow; purge the datapath's cached flow so the next frame sees the new one.
  await ovs.ofctl("mod-flows", "br0", "in_port=1,actions=output:3");
  await ovs.purgeDatapathFlows();
  await dp.send(1, frame);
  await assert.rejects(() => dp.verifyPackets(frame, [2, 4], 300), DataPlaneAssertionError);
  // That frame still sits in port 3's queue: it was not expected anywhere.
  await assert.rejects(
    () => dp.verifyPackets(frame, [], 300),
    /only out of port\(s\) \(none\), a frame came out of port 3/,
  );
  dp.clear();
  await dp.send(1, frame);
  await dp.verifyPackets(frame, [3]);
  await dp.verifyNoOtherPackets();
});

peerTest("DataPlane: argument errors and a closed data plane", ["ovs"], async () => {
  await using ovs = await OvsSwitch.start();
  await assert.rejects(() => DataPlane.open(ovs.bridge(), { ports: [9] }), RangeError);
  const dp = await DataPlane.open(ovs.bridge(), { ports: [2] });
  await assert.rejects(() => dp.send(1, simpleTcpPacket()), RangeError);
  await assert.rejects(() => dp.poll(1), RangeError);
  await assert.rejects(() => dp.send(2, new Uint8Array(0x10000)), RangeError);
  const pending = dp.poll(2, { timeout: 60_000 });
  await dp.close();
  assert.equal(await pending, undefined, "a pending poll resolves on close");
  assert.equal(await dp.poll(2, { timeout: 60_000 }), undefined, "and a later one at once");
  await assert.rejects(() => dp.send(2, simpleTcpPacket()), Deno.errors.BadResource);
  await dp.close(); // idempotent
});
