// The reference switch under hostile input: thousands of generated and mutated frames through
// rewriting flows (no receive error, every frame out parses), and mutated OpenFlow messages
// (each refused or applied; the connection and the barrier keep working).
import assert from "node:assert/strict";
import { encode, of13, type OfpMessage } from "../../src/ofp/mod.ts";
import { build, parse } from "../../src/packet/mod.ts";
import { prng, randInt } from "../_util/prng.ts";
import { generateFrames } from "../packet/_generate.ts";
import { rig } from "./_rig.ts";
import type { Of13MultipartReply, Of13PortStats } from "../../src/ofp/mod.ts";

const { applyActions, writeActions, gotoTable, output, setField } = of13;

Deno.test("robustness: 3,000 generated and mutated frames through rewriting flows", async () => {
  await using r = await rig({ ports: 3 }, { versions: [4] });
  await r.apply(
    of13.flowMod({
      priority: 50,
      match: of13.match({ eth_type: 0x0800 }),
      instructions: [
        applyActions([setField("ipv4_dst", "10.1.2.3"), of13.decNwTtl(), of13.pushMpls(0x8847)]),
        gotoTable(1),
      ],
    }),
    of13.flowMod({
      priority: 50,
      match: of13.match({ eth_type: 0x86dd }),
      instructions: [
        applyActions([setField("ipv6_flabel", 7), of13.pushVlan(0x88a8)]),
        gotoTable(1),
      ],
    }),
    of13.flowMod({
      priority: 40,
      match: of13.match({ vlan_vid: [0x1000, 0x1000] }),
      instructions: [applyActions([of13.popVlan(), of13.pushPbb(0x88e7)]), gotoTable(1)],
    }),
    of13.flowMod({
      priority: 30,
      match: of13.match({ eth_type: 0x8847 }),
      instructions: [applyActions([of13.decMplsTtl(), of13.popMpls(0x0800)]), gotoTable(1)],
    }),
    of13.flowMod({ priority: 0, instructions: [writeActions([output(2)]), gotoTable(1)] }),
    of13.flowMod({
      tableId: 1,
      priority: 0,
      instructions: [
        applyActions([
          setField("eth_src", "02:00:00:00:00:01"),
          output(3),
          output(of13.OFPP.CONTROLLER, 40),
        ]),
      ],
    }),
  );
  const rand = prng(99);
  let sent = 0;
  for (const g of generateFrames(4242, 1500)) {
    const frame = build(g.layers, { pad: g.pad });
    await r.link.send(1, frame);
    const mutated = frame.slice(0, 1 + randInt(rand, frame.length));
    for (let k = 0; k < 3; k++) mutated[randInt(rand, mutated.length)] = randInt(rand, 256);
    await r.link.send(2, mutated);
    sent += 2;
  }
  const [stats] = await r.conn.transactMultipart(of13.portStatsRequest());
  const ports = ((stats as Of13MultipartReply).body as { entries: Of13PortStats[] }).entries;
  assert.equal(ports.reduce((n, p) => n + Number(p.rxPackets), 0), sent);
  assert.deepEqual(ports.map((p) => p.rxErrors), [0n, 0n, 0n], "no frame failed in the pipeline");
  for (const p of [2, 3]) {
    for (const f of r.frames.take(p)) assert.ok(parse(f, { partial: true }).length > 0);
  }
  assert.equal((await r.conn.barrier()).type, "BARRIER_REPLY");
});

Deno.test("robustness: mutated OpenFlow messages are refused or applied; the switch stays up", async () => {
  await using r = await rig({ ports: 3 }, { versions: [4] });
  const samples: OfpMessage[] = [
    of13.flowMod({
      match: of13.match({ in_port: 1, eth_type: 0x0800, ipv4_dst: ["10.0.0.0", "255.0.0.0"] }),
      instructions: [
        applyActions([setField("ipv4_src", "1.1.1.1"), output(2)]),
        of13.writeMetadata(1n, 1n),
        gotoTable(2),
      ],
    }),
    of13.groupMod({
      groupId: 3,
      groupType: of13.OFPGT.SELECT,
      buckets: [of13.bucket({ weight: 2, actions: [output(1)] })],
    }),
    of13.meterMod({ meterId: 4, flags: of13.OFPMF.PKTPS, bands: [of13.dropBand(10)] }),
    of13.packetOut({
      inPort: 1,
      actions: [of13.pushVlan(0x8100), output(2)],
      data: new Uint8Array(60),
    }),
    of13.portMod({ portNo: 1, config: 0, mask: 0 }),
    of13.flowStatsRequest({ match: of13.match({ in_port: 1 }) }),
    of13.setAsync(),
    of13.roleRequest(of13.OFPCR_ROLE.EQUAL, 0n),
  ];
  const rand = prng(5);
  for (let i = 0; i < 800; i++) {
    const bytes = encode(samples[i % samples.length]).slice();
    const cut = 8 + randInt(rand, bytes.length - 7);
    const m = bytes.slice(0, cut);
    for (let k = 0; k < 1 + randInt(rand, 3); k++) {
      m[8 + randInt(rand, Math.max(1, m.length - 8))] = randInt(rand, 256);
    }
    m[0] = 4;
    new DataView(m.buffer).setUint16(2, m.length);
    r.conn.send(m);
    if (i % 50 === 49) {
      assert.equal((await r.conn.barrier()).type, "BARRIER_REPLY", `alive after ${i + 1}`);
    }
  }
  assert.equal(r.conn.isClosed, false);
  assert.equal((await r.conn.echo(new Uint8Array([1]))).type, "ECHO_REPLY");
});
