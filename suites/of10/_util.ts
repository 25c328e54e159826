// Shared steps of the OpenFlow 1.0 suite modules: flow builders and the two checks most
// tests are made of (a match selects exactly these frames; actions turn a frame into that).
import { of10 } from "../../src/ofp/mod.ts";
import type { Of10Action, Of10Fields, Of10FlowMod, Of10MatchSpec } from "../../src/ofp/mod.ts";
import type { SwitchTestContext } from "../../src/testing/mod.ts";

/** The context of a 1.0 test. */
export type T10 = SwitchTestContext<1>;

/** A FLOW_MOD ADD of `match` with `actions`. */
export function flow(
  match: Of10MatchSpec,
  actions: Of10Action[],
  fields: Of10Fields<Of10FlowMod> = {},
): Of10FlowMod {
  return of10.flowMod({ match: of10.match(match), actions, ...fields });
}

/** Output to each of `ports`, as an action list. */
export function to(...ports: number[]): Of10Action[] {
  return ports.map((p) => of10.output(p));
}

/**
 * Installs `match` (with inPort of the first port) → second port, and a lowest-priority
 * inPort → third port; then each hit must leave by the second port only and each miss by
 * the third only.
 */
export async function expectMatch(
  t: T10,
  match: Of10MatchSpec,
  hits: readonly Uint8Array[],
  misses: readonly Uint8Array[],
): Promise<void> {
  const [a, b, c] = t.ports;
  await t.install(
    flow({ inPort: a, ...match }, to(b), { priority: 100 }),
    flow({ inPort: a }, to(c), { priority: 1 }),
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

/** Installs inPort + `match` → `actions` + output to the second port; `input` must leave as `output`. */
export async function expectRewrite(
  t: T10,
  input: Uint8Array,
  match: Of10MatchSpec,
  actions: Of10Action[],
  output: Uint8Array,
): Promise<void> {
  const [a, b] = t.ports;
  await t.install(flow({ inPort: a, ...match }, [...actions, of10.output(b)]));
  await t.send(a, input);
  await t.verifyPackets(output, [b]);
}

/** How many flow entries the switch has. */
export async function flowCount(t: T10): Promise<number> {
  return (await t.flowStats()).length;
}
