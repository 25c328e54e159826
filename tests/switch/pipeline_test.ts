// The OpenFlow 1.3 pipeline of the reference switch: tables, goto-table, write-metadata,
// apply/write/clear actions and the action set's order, observed on frames out of its ports.
import assert from "node:assert/strict";
import { of13 } from "../../src/ofp/mod.ts";
import { type Layer, parse } from "../../src/packet/mod.ts";
import { arp, tcp4 } from "./_frames.ts";
import { rig } from "./_rig.ts";
import type { MatchSpec, Of13Instruction, Of13PacketIn } from "../../src/ofp/mod.ts";

const { applyActions, writeActions, clearActions, gotoTable, writeMetadata, output, setField } =
  of13;
const flow = (
  tableId: number,
  match: MatchSpec,
  instructions: Of13Instruction[],
  priority = 10,
) => of13.flowMod({ tableId, priority, match: of13.match(match), instructions });
const types = (ls: Layer[]) => ls.map((l) => l.type);

Deno.test("pipeline: goto-table and write-metadata; the next table matches the metadata", async () => {
  await using r = await rig({ ports: 3 }, { versions: [4] });
  await r.apply(
    flow(0, { in_port: 1 }, [writeMetadata(0xab00n, 0xff00n), gotoTable(3)]),
    flow(3, { metadata: [0xab00n, 0xff00n] }, [applyActions([output(2)])]),
    flow(3, {}, [applyActions([output(of13.OFPP.CONTROLLER, of13.OFPCML.NO_BUFFER)])], 0),
  );
  await r.link.send(1, tcp4());
  assert.equal(r.frames.take(2).length, 1);
  await r.link.send(2, tcp4());
  assert.deepEqual(r.frames.ports(), [], "in_port 2 misses table 0 and is dropped");
  // A miss in table 3 reaches the controller with the table id and metadata.
  await r.apply(flow(0, { in_port: 3 }, [writeMetadata(0x5n, 0xffn), gotoTable(3)]));
  await r.link.send(3, tcp4());
  const pin = await r.conn.poll("PACKET_IN", { timeout: 1000 }) as Of13PacketIn;
  assert.equal(pin.tableId, 3);
  assert.equal(pin.reason, of13.OFPR.NO_MATCH);
  assert.deepEqual(pin.match, [{ field: "in_port", value: 3 }, { field: "metadata", value: 5n }]);
});

Deno.test("pipeline: the action set runs in the spec's order, not the order written", async () => {
  await using r = await rig({ ports: 3 }, { versions: [4] });
  await r.apply(
    // Written output first, set-field last; and a push in a later table.
    flow(0, { in_port: 1 }, [
      writeActions([output(2), setField("eth_dst", "02:00:00:00:00:99")]),
      gotoTable(1),
    ]),
    flow(1, {}, [
      writeActions([setField("vlan_vid", of13.OFPVID_PRESENT | 10), of13.pushVlan(0x8100)]),
    ], 0),
  );
  await r.link.send(1, tcp4());
  const [out] = r.frames.take(2);
  assert.ok(out);
  const ls = parse(out);
  assert.deepEqual(types(ls).slice(0, 3), ["ethernet", "vlan", "ipv4"]);
  assert.equal((ls[0] as { dst: string }).dst, "02:00:00:00:00:99");
  assert.equal((ls[1] as { vid: number }).vid, 10, "push_vlan ran before the set-field");
});

Deno.test("pipeline: clear-actions empties the set; a later write replaces an action of its type", async () => {
  await using r = await rig({ ports: 4 }, { versions: [4] });
  await r.apply(
    flow(0, { in_port: 1 }, [writeActions([output(2)]), gotoTable(1)]),
    flow(1, { eth_type: 0x0800 }, [clearActions(), writeActions([output(3)])]),
    flow(1, { eth_type: 0x0806 }, [writeActions([output(4)])]),
  );
  await r.link.send(1, tcp4());
  await r.link.send(1, arp());
  assert.equal(r.frames.take(3).length, 1, "IPv4: cleared, then output 3");
  assert.equal(r.frames.take(4).length, 1, "ARP: output 4 replaced output 2");
  assert.deepEqual(r.frames.ports(), []);
});

Deno.test("pipeline: apply-actions act at once, and later tables match the rewritten packet", async () => {
  await using r = await rig({ ports: 4 }, { versions: [4] });
  await r.apply(
    flow(0, { in_port: 1, eth_type: 0x0800 }, [
      applyActions([output(2), setField("ipv4_dst", "10.1.1.1"), output(3)]),
      gotoTable(1),
    ]),
    flow(1, { eth_type: 0x0800, ipv4_dst: "10.1.1.1" }, [applyActions([output(4)])]),
  );
  await r.link.send(1, tcp4({ dst: "10.0.0.2" }));
  const dst = (f: Uint8Array) => (parse(f)[1] as { dst: string }).dst;
  assert.deepEqual(r.frames.take(2).map(dst), ["10.0.0.2"], "output before the set-field");
  assert.deepEqual(r.frames.take(3).map(dst), ["10.1.1.1"]);
  assert.deepEqual(r.frames.take(4).map(dst), ["10.1.1.1"], "table 1 matched the new address");
});

Deno.test("pipeline: a group in the action set overrides its output", async () => {
  await using r = await rig({ ports: 4 }, { versions: [4] });
  await r.apply(
    of13.groupMod({
      groupId: 1,
      groupType: of13.OFPGT.INDIRECT,
      buckets: [of13.bucket({ actions: [output(4)] })],
    }),
    flow(0, { in_port: 1 }, [writeActions([output(2), of13.group(1)])]),
  );
  await r.link.send(1, tcp4());
  assert.deepEqual(r.frames.ports(), [4]);
});

Deno.test("pipeline: ALL and FLOOD reach every port but the ingress; IN_PORT returns", async () => {
  await using r = await rig({ ports: 4 }, { versions: [4] });
  await r.apply(
    flow(0, { in_port: 1 }, [applyActions([output(of13.OFPP.ALL)])]),
    flow(0, { in_port: 2 }, [applyActions([output(of13.OFPP.IN_PORT), output(2)])]),
  );
  await r.link.send(1, tcp4());
  assert.deepEqual(r.frames.ports(), [2, 3, 4]);
  for (const p of [2, 3, 4]) r.frames.take(p);
  await r.link.send(2, tcp4());
  assert.equal(
    r.frames.take(2).length,
    1,
    "IN_PORT sends back; a plain output to the ingress does not",
  );
});
