// OpenFlow 1.3 basics: the control channel answers, and the default state drops.
import assert from "node:assert/strict";
import { of13 } from "../../src/ofp/mod.ts";
import { simpleTcpPacket, switchTest } from "../../src/testing/mod.ts";

const group = "basic";

switchTest("echo carries its payload back", { version: 4, group }, async (t) => {
  const data = new TextEncoder().encode("oftest echo payload");
  const reply = await t.conn.echo(data);
  assert.equal(reply.type, "ECHO_REPLY");
  assert.deepEqual((reply as { data: Uint8Array }).data, data);
});

switchTest("features reply names the datapath", { version: 4, group }, async (t) => {
  const reply = await t.conn.transact(of13.featuresRequest());
  assert.equal(reply.type, "FEATURES_REPLY");
  assert.equal((reply as { datapathId: bigint }).datapathId, t.conn.datapathId);
});

switchTest("with no flows a frame is dropped", { version: 4, group, ports: 2 }, async (t) => {
  const frame = simpleTcpPacket();
  await t.send(t.ports[0], frame);
  await t.verifyPackets(frame, []);
  await t.verifyNoPacketIn();
});

switchTest("output to one port", { version: 4, group, ports: 2 }, async (t) => {
  const [a, b] = t.ports;
  await t.install(of13.flowMod({
    match: of13.match({ in_port: a }),
    instructions: [of13.applyActions([of13.output(b)])],
  }));
  const frame = simpleTcpPacket();
  await t.send(a, frame);
  await t.verifyPackets(frame, [b]);
});
