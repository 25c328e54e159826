// TABLE_FEATURES: what every table matches, which instructions and actions it takes, which
// fields it can set, and which tables it can go to.
import { of13 } from "../ofp/mod.ts";
import type { Of13TableFeatureProp, Of13TableFeatures } from "../ofp/mod.ts";
import { WRITABLE_FIELDS } from "./_actions.ts";
import type { Datapath } from "./_datapath.ts";

const ACTION_TYPES: readonly number[] = Object.entries(of13.OFPAT)
  .filter(([name]) => name !== "EXPERIMENTER")
  .map(([, n]) => n);

/** Bitmap of the supported action types (GROUP_FEATURES). */
export const SUPPORTED_ACTIONS: number = ACTION_TYPES.reduce((m, n) => (m | (1 << n)) >>> 0, 0);

const INSTRUCTION_TYPES = [1, 2, 3, 4, 5, 6];

function oxmHeader(name: string, masked: boolean): number {
  const f = of13.oxmFieldInfo(name)!;
  return ((0x8000 << 16) | (f.number << 9) | (masked ? 0x100 | (f.width * 2) : f.width)) >>> 0;
}

const none = new Uint8Array(0);
const MATCH = of13.OXM_FIELDS.map((f) => oxmHeader(f.name, f.maskable));
const WILDCARDS = of13.OXM_FIELDS.map((f) => oxmHeader(f.name, false));
const SETFIELD = WRITABLE_FIELDS.map((n) => oxmHeader(n, false));

/** The features of every table, as TABLE_FEATURES reports them. */
export function tableFeatures(dp: Datapath): Of13TableFeatures[] {
  const n = dp.tables.length;
  const actions = ACTION_TYPES.map((type) => ({ type, data: none }));
  return dp.tables.map((t): Of13TableFeatures => {
    const next = Array.from({ length: n - t.id - 1 }, (_, i) => t.id + 1 + i);
    const instructions = INSTRUCTION_TYPES
      .filter((type) => type !== of13.OFPIT.GOTO_TABLE || next.length > 0)
      .map((type) => ({ type, data: none }));
    const props: Of13TableFeatureProp[] = [
      { type: "INSTRUCTIONS", ids: instructions },
      { type: "INSTRUCTIONS_MISS", ids: instructions },
      { type: "NEXT_TABLES", tableIds: next },
      { type: "NEXT_TABLES_MISS", tableIds: next },
      { type: "WRITE_ACTIONS", ids: actions },
      { type: "WRITE_ACTIONS_MISS", ids: actions },
      { type: "APPLY_ACTIONS", ids: actions },
      { type: "APPLY_ACTIONS_MISS", ids: actions },
      { type: "MATCH", oxmIds: MATCH },
      { type: "WILDCARDS", oxmIds: WILDCARDS },
      { type: "WRITE_SETFIELD", oxmIds: SETFIELD },
      { type: "WRITE_SETFIELD_MISS", oxmIds: SETFIELD },
      { type: "APPLY_SETFIELD", oxmIds: SETFIELD },
      { type: "APPLY_SETFIELD_MISS", oxmIds: SETFIELD },
    ];
    return {
      tableId: t.id,
      name: `table${t.id}`,
      metadataMatch: 0xffffffffffffffffn,
      metadataWrite: 0xffffffffffffffffn,
      config: 0,
      maxEntries: t.maxEntries,
      properties: props,
    };
  });
}
