// The switch-test framework against a real Open vSwitch: switchTest under deno test, the
// helpers (each shown to fail, with a message that names the test's line and shows the
// frames), the reset between tests, expected failures, deadlines and the tester backend.
import assert from "node:assert/strict";
import { of13 } from "../../src/ofp/mod.ts";
import {
  DataPlaneAssertionError,
  simpleTcpPacket,
  SwitchAssertionError,
  SwitchSession,
  switchTest,
  type SwitchTestContext,
} from "../../src/testing/mod.ts";
import type { SwitchTestDefinition } from "../../src/testing/_registry.ts";
import { runOne } from "../../src/testing/_run_one.ts";
import { hasPeer, peerTest } from "../_util/peers.ts";

const THIS_FILE = new URL(import.meta.url).href;

function forward(from: number, to: number) {
  return of13.flowMod({
    match: of13.match({ in_port: from }),
    instructions: [of13.applyActions([of13.output(to)])],
  });
}

// --- switchTest under deno test (one shared session for the tests of this file) ---

if (hasPeer("ovs")) {
  switchTest("framework: a flow forwards port 1 to port 2", { version: 4, ports: 2 }, async (t) => {
    const [a, b] = t.ports;
    await t.install(forward(a, b));
    const frame = simpleTcpPacket();
    await t.send(a, frame);
    await t.verifyPackets(frame, [b]);
  });
  switchTest("framework: the next test starts from an empty table", { version: 4 }, async (t) => {
    assert.deepEqual(await t.flowStats(), []);
    const frame = simpleTcpPacket();
    await t.send(t.ports[0], frame);
    await t.verifyPackets(frame, []);
  });
} else {
  peerTest("framework: switchTest under deno test", ["ovs"], () => {});
}

// --- The helpers fail, and say why, at the test's line ---

function definition(
  name: string,
  fn: (t: SwitchTestContext) => Promise<void>,
  extra: Partial<SwitchTestDefinition> = {},
): SwitchTestDefinition {
  return {
    name,
    group: "self-test",
    tags: [],
    versions: [4],
    ports: 1,
    timeout: 10_000,
    xfail: undefined,
    skip: undefined,
    location: "",
    fn,
    ...extra,
  };
}

/** The line of this file in an error's stack, or undefined. */
function lineInThisFile(error: unknown): number | undefined {
  const stack = error instanceof Error ? error.stack ?? "" : "";
  const first = stack.split("\n").find((l) => l.includes(THIS_FILE));
  const m = first && /:(\d+):\d+\)?$/.exec(first);
  return m ? Number(m[1]) : undefined;
}

/** The line in this file that contains `marker`. */
function lineOf(marker: string): number {
  const lines = Deno.readTextFileSync(new URL(import.meta.url)).split("\n");
  return lines.findIndex((l) => l.includes(marker) && !l.includes("lineOf(")) + 1;
}

peerTest(
  "framework: every helper fails with a message naming the test line",
  ["ovs"],
  async (t) => {
    await using session = await SwitchSession.open({ kind: "ovs" }, { version: 4 });
    const frame = simpleTcpPacket();
    const other = simpleTcpPacket({ ipTtl: 63 });
    const cases: [string, (t: SwitchTestContext) => Promise<void>, RegExp, string, unknown][] = [
      [
        "a wrong expected frame",
        async (t) => {
          await t.install(forward(1, 2));
          await t.send(1, frame);
          await t.verifyPackets(other, [2]); // MARK:wrong-frame
        },
        /Expected a 100-byte frame out of port 2.*first one differs:\nipv4\.ttl: expected 63, got 64\n/s,
        "MARK:wrong-frame",
        DataPlaneAssertionError,
      ],
      [
        "a frame on an extra port",
        async (t) => {
          await t.install(
            of13.flowMod({
              match: of13.match({ in_port: 1 }),
              instructions: [of13.applyActions([of13.output(2), of13.output(3)])],
            }),
          );
          await t.send(1, frame);
          await t.verifyPackets(frame, [2]); // MARK:extra-port
        },
        /only out of port\(s\) 2, a frame came out of port 3/,
        "MARK:extra-port",
        DataPlaneAssertionError,
      ],
      [
        "a missing packet-in",
        async (t) => {
          await t.send(1, frame); // no flow: OpenFlow 1.3 drops table misses
          await t.verifyPacketIn({ frame, inPort: 1 }); // MARK:packet-in
        },
        /Expected a packet-in within \d+ ms, got none/,
        "MARK:packet-in",
        SwitchAssertionError,
      ],
      [
        "a packet-in from another port",
        async (t) => {
          await t.install(
            of13.flowMod({
              instructions: [of13.applyActions([of13.output(of13.OFPP.CONTROLLER)])],
            }),
          );
          await t.send(1, frame);
          await t.verifyPacketIn({ frame, inPort: 2 }); // MARK:packet-in-port
        },
        /1 came that did not match:\nin_port: expected 2, got 1/,
        "MARK:packet-in-port",
        SwitchAssertionError,
      ],
      [
        "an error before a barrier",
        async (t) => {
          t.conn.send(
            of13.flowMod({ instructions: [of13.gotoTable(0)] }), // goto to its own table
          );
          await t.barrier(); // MARK:barrier
        },
        /The switch sent 1 error\(s\): OFPET_BAD_INSTRUCTION/,
        "MARK:barrier",
        SwitchAssertionError,
      ],
      [
        "a frame where none should be",
        async (t) => {
          await t.install(forward(1, 2));
          await t.send(1, frame);
          await t.verifyNoOtherPackets(); // MARK:no-other
        },
        /Expected no other frames, got 100 bytes out of port 2/,
        "MARK:no-other",
        DataPlaneAssertionError,
      ],
    ];
    for (const [name, fn, message, marker, type] of cases) {
      await t.step(name, async () => {
        const outcome = await runOne(definition(name, fn), session);
        assert.equal(outcome.status, "failed", `${name}: ${outcome.message}`);
        assert.ok(outcome.error instanceof (type as typeof Error), String(outcome.error));
        assert.match(outcome.message!, message);
        assert.equal(lineInThisFile(outcome.error), lineOf(marker), (outcome.error as Error).stack);
      });
    }
    await t.step("the same checks pass on the right input", async () => {
      const outcome = await runOne(
        definition("right input", async (t) => {
          await t.install(forward(1, 2));
          await t.send(1, frame);
          await t.verifyPackets(frame, [2]);
          await t.install(
            of13.flowMod({
              priority: 10,
              match: of13.match({ in_port: 3 }),
              instructions: [of13.applyActions([of13.output(of13.OFPP.CONTROLLER)])],
            }),
          );
          await t.send(3, frame);
          const pin = await t.verifyPacketIn({ frame, inPort: 3, reason: of13.OFPR.ACTION });
          assert.equal(pin.version, 4);
          await t.verifyNoPacketIn();
          await t.verifyNoErrors();
        }),
        session,
      );
      assert.equal(outcome.status, "passed", outcome.message);
    });
  },
);

peerTest("framework: reset, expected failures, deadlines, port config", ["ovs"], async (t) => {
  await using session = await SwitchSession.open({ kind: "ovs" }, { version: 4 });
  await t.step("an expected failure that fails is xfail, one that passes fails", async () => {
    const failing = await runOne(
      definition("x", () => Promise.reject(new Error("boom")), { xfail: { ovs: "known" } }),
      session,
    );
    assert.equal(failing.status, "xfail");
    assert.equal(failing.message, "known (failed: boom)");
    const passing = await runOne(
      definition("y", () => Promise.resolve(), { xfail: "known" }),
      session,
    );
    assert.equal(passing.status, "failed");
    assert.match(passing.message!, /Expected to fail \(known\), but it passed/);
    const other = await runOne(
      definition("z", () => Promise.resolve(), { xfail: { embedded: "not here" } }),
      session,
    );
    assert.equal(other.status, "passed", "an expected failure on another target does not apply");
  });
  await t.step("a test past its deadline fails", async () => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const outcome = await runOne(
      definition("slow", () => new Promise((r) => (timer = setTimeout(r, 500))), { timeout: 50 }),
      session,
    );
    clearTimeout(timer);
    assert.equal(outcome.status, "failed");
    assert.match(outcome.message!, /did not finish within 50 ms/);
  });
  await t.step("skips: by reason and by ports", async () => {
    const byReason = await runOne(
      definition("s", () => Promise.resolve(), { skip: "why" }),
      session,
    );
    assert.deepEqual([byReason.status, byReason.message], ["skipped", "why"]);
    const byPorts = await runOne(definition("p", () => Promise.resolve(), { ports: 9 }), session);
    assert.equal(byPorts.status, "skipped");
    assert.match(byPorts.message!, /needs 9 data ports, the target has 4/);
  });
  await t.step("reset removes flows and restores port configuration", async () => {
    const outcome = await runOne(
      definition("dirty", async (t) => {
        await t.install(forward(1, 2));
        await t.setPortConfig(2, of13.OFPPC.NO_FWD, of13.OFPPC.NO_FWD);
        assert.equal((await t.portConfig(2)).config & of13.OFPPC.NO_FWD, of13.OFPPC.NO_FWD);
      }),
      session,
    );
    assert.equal(outcome.status, "passed", outcome.message);
    await session.reset();
    assert.equal((await session.conn.transactMultipart(of13.flowStatsRequest())).length, 1);
    const after = await runOne(
      definition("clean", async (t) => {
        assert.deepEqual(await t.flowStats(), []);
        assert.equal((await t.portConfig(2)).config & of13.OFPPC.NO_FWD, 0);
      }),
      session,
    );
    assert.equal(after.status, "passed", after.message);
  });
  await t.step("verifyError checks the type and code, and fails on another", async () => {
    const bad = of13.flowMod({ instructions: [of13.gotoTable(0)] });
    const ok = await runOne(
      definition("e1", async (t) => {
        const e = await t.verifyError(bad, { type: of13.OFPET.BAD_INSTRUCTION });
        assert.equal(e.errType, of13.OFPET.BAD_INSTRUCTION);
      }),
      session,
    );
    assert.equal(ok.status, "passed", ok.message);
    const wrong = await runOne(
      definition("e2", async (t) => {
        await t.verifyError(bad, { type: of13.OFPET.BAD_ACTION });
      }),
      session,
    );
    assert.equal(wrong.status, "failed");
    assert.match(wrong.message!, /Expected an error \(type 2\), got OFPET_BAD_INSTRUCTION/);
    const none = await runOne(
      definition("e3", async (t) => {
        await t.verifyError(forward(1, 2), { type: of13.OFPET.BAD_ACTION });
      }),
      session,
    );
    assert.match(none.message!, /Expected an error \(type 2\) for xid \d+, got none/);
  });
});

peerTest("framework: a tester switch cabled to the ports as the data plane", ["ovs"], async () => {
  await using session = await SwitchSession.open({ kind: "ovs", dataPlane: "tester" }, {
    version: 4,
  });
  assert.match(session.info.description, /a tester Open vSwitch cabled to its ports/);
  const frame = simpleTcpPacket();
  const outcome = await runOne(
    definition("through the tester", async (t) => {
      await t.install(forward(1, 2));
      await t.send(1, frame);
      await t.verifyPackets(frame, [2]);
      await t.send(3, frame);
      await t.verifyPackets(frame, []);
    }),
    session,
  );
  assert.equal(outcome.status, "passed", outcome.message);
});
