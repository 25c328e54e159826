// Shared steps of the OpenFlow 1.3 suite modules: flow builders and the two checks most
// tests are made of (a match selects exactly these frames; actions turn a frame into that).
import assert from "node:assert/strict";
import { of13 } from "../../src/ofp/mod.ts";
import type {
  MatchSpec,
  Of13Action,
  Of13AsyncConfig,
  Of13Fields,
  Of13FlowMod,
  OfpMessage,
} from "../../src/ofp/mod.ts";
import type { SwitchTestContext } from "../../src/testing/mod.ts";

/** The context of a 1.3 test. */
export type T13 = SwitchTestContext<4>;

/**
 * FLOW_MOD ADD of `match` with one apply-actions instruction.
 *
 * @param match The match fields.
 * @param actions The actions to apply.
 * @param fields Other FLOW_MOD fields (priority, table, cookie, flags...).
 */
export function flow(
  match: MatchSpec,
  actions: Of13Action[],
  fields: Of13Fields<Of13FlowMod> = {},
): Of13FlowMod {
  return of13.flowMod({
    match: of13.match(match),
    instructions: [of13.applyActions(actions)],
    ...fields,
  });
}

/** Output to `port`, as an action list. */
export function to(...ports: number[]): Of13Action[] {
  return ports.map((p) => of13.output(p));
}

/**
 * Installs `match` (with in_port of the first port) → second port, and a lowest-priority
 * in_port → third port; then each hit must leave by the second port only and each miss by
 * the third only, so a miss is shown to reach the table, not lost.
 */
export async function expectMatch(
  t: T13,
  match: MatchSpec,
  hits: readonly Uint8Array[],
  misses: readonly Uint8Array[],
): Promise<void> {
  const [a, b, c] = t.ports;
  await t.install(
    flow({ in_port: a, ...match }, to(b), { priority: 100 }),
    flow({ in_port: a }, to(c), { priority: 1 }),
  );
  for (const f of hits) {
    await t.send(a, f);
    await t.verifyPackets(f, [b]);
  }
  for (const f of misses) {
    await t.send(a, f);
    await t.verifyPackets(f, [c]);
  }
}

/**
 * Installs in_port + `match` (the actions' prerequisites) → `actions` + output to the second
 * port; `input` must leave by it as `output`, and by no other port.
 */
export async function expectRewrite(
  t: T13,
  input: Uint8Array,
  match: MatchSpec,
  actions: Of13Action[],
  output: Uint8Array,
): Promise<void> {
  const [a, b] = t.ports;
  await t.install(flow({ in_port: a, ...match }, [...actions, of13.output(b)]));
  await t.send(a, input);
  await t.verifyPackets(output, [b]);
}

/** Every flow entry of every table, after a barrier. */
export async function flowCount(t: T13, tableId?: number): Promise<number> {
  return (await t.flowStats(tableId === undefined ? {} : { tableId })).length;
}

/** Waits until `check` passes or `ms` pass (then its last failure is thrown). */
export async function eventually(check: () => Promise<void> | void, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      await check();
      return;
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Asserts a bigint counter equals `n`. */
export function count(actual: bigint, n: number, what: string): void {
  assert.equal(actual, BigInt(n), `${what}: expected ${n}, got ${actual}`);
}

/**
 * Installs a message for an optional feature: returns true when the switch took it, false
 * when it refused it with exactly `type`/`code` (the spec's answer for an unsupported
 * optional feature); any other error fails. After a refusal the test must end: the error is
 * still on record for the next barrier.
 */
export async function installOrRefused(
  t: T13,
  msg: OfpMessage,
  type: number,
  code: number,
): Promise<boolean> {
  const xid = t.conn.send(msg)!;
  await t.conn.barrier();
  const err = await t.conn.poll((m) => m.type === "ERROR" && m.xid === xid, { timeout: 0 });
  if (!err || err.type !== "ERROR") return true;
  assert.deepEqual(
    { type: err.errType, code: err.code },
    { type, code },
    `refused with ${of13.errorName(err.errType, err.code)}, expected ${of13.errorName(type, code)}`,
  );
  return false;
}

/**
 * Runs `fn` with the switch's async configuration changed by SET_ASYNC, and puts back the
 * configuration it had (read with GET_ASYNC) afterwards, whatever `fn` does: the session's
 * reset does not touch it.
 */
export async function withAsync(
  t: T13,
  fields: Of13Fields<Of13AsyncConfig>,
  fn: () => Promise<void>,
): Promise<void> {
  const before = await t.conn.transact(of13.getAsyncRequest());
  assert.equal(before.type, "GET_ASYNC_REPLY");
  const { packetInMask, portStatusMask, flowRemovedMask } = before as Of13AsyncConfig;
  await t.install(of13.setAsync(fields));
  try {
    await fn();
  } finally {
    await t.install(of13.setAsync({ packetInMask, portStatusMask, flowRemovedMask }));
  }
}
