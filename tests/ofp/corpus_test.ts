// Real messages written by Ryu, Open vSwitch's ovs-ofctl and libofproto: each must decode,
// re-encode byte-exact, and agree with Ryu's own decoding of the same bytes.
import assert from "node:assert/strict";
import { decode, encode, OfpDecodeError, type OfpMessage } from "../../src/ofp/mod.ts";
import { readCorpus } from "../_util/corpus.ts";
import { peerTest } from "../_util/peers.ts";

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Ryu wraps every object in `{ ClassName: {...} }`; returns the class name and the object. */
function unwrap(v: unknown): [string | undefined, unknown] {
  if (v && typeof v === "object" && !Array.isArray(v)) {
    const keys = Object.keys(v);
    if (keys.length === 1 && /^[A-Z]/.test(keys[0])) {
      return [keys[0], (v as Record<string, unknown>)[keys[0]]];
    }
  }
  return [undefined, v];
}

function base64(s: string): Uint8Array {
  return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
}

const ipv4FromInt = (n: number) => [24, 16, 8, 0].map((s) => (n >>> s) & 0xff).join(".");

// Keys Ryu adds that are lengths or type numbers (ours are computed or string discriminants).
const SKIP = new Set([
  "len",
  "length",
  "type",
  "hasmask",
  "version",
  "msg_type",
  "msg_len",
  "actions_len",
  "match_len",
]);

/**
 * Compares Ryu's decoding with ours wherever both have the field; returns how many leaf
 * values were compared. Arrays must have the same length.
 */
function agree(ryu: unknown, ours: unknown, path: string): number {
  const [cls, r] = unwrap(ryu);
  if (r === null || r === undefined) return 0;
  // Ryu interprets Nicira/ONF extensions (subtypes, fields); ours keeps them as raw bytes.
  if (cls && /^(NX|ONF)/.test(cls)) return 0;
  if (
    Array.isArray(r) ||
    (r && typeof r === "object" && Object.keys(r).every((k) => /^\d+$/.test(k)) &&
      Object.keys(r).length)
  ) {
    const list = Array.isArray(r) ? r : Object.values(r as object);
    let theirs = Array.isArray(ours) ? ours : (ours as { entries?: unknown[] })?.entries;
    if (!Array.isArray(theirs)) return 0;
    // Ryu keys port lists by port number (sorted); ours keep wire order.
    if (!Array.isArray(r)) theirs = [...theirs].sort((a, b) => a.portNo - b.portNo);
    assert.equal(
      theirs.length,
      list.length,
      `${path}: ${list.length} items in Ryu's decoding, ${theirs.length} in ours`,
    );
    return list.reduce((n: number, item, i) => n + agree(item, theirs[i], `${path}[${i}]`), 0);
  }
  if (typeof r === "object") {
    if (ours === null || typeof ours !== "object") return 0;
    // Nicira and experimenter fields and actions are kept as raw bytes, not interpreted.
    const kept = ours as { field?: unknown; type?: unknown };
    if (kept.field === "UNKNOWN" || kept.field === "EXPERIMENTER") return 0;
    let n = 0;
    for (const [k, v] of Object.entries(r as Record<string, unknown>)) {
      if (SKIP.has(k) || v === null) continue;
      // OFPMatch's TLV list is our match itself.
      if (k === "oxm_fields") {
        n += agree(v, ours, `${path}.${k}`);
        continue;
      }
      const mine = (ours as Record<string, unknown>)[camel(k)];
      if (mine === undefined) continue;
      n += agree(v, mine, `${path}.${camel(k)}`);
    }
    return n;
  }
  // Leaves.
  if (typeof r === "string" && mine_is_bytes(ours)) {
    // Ryu drops an experimenter action's trailing padding; ours keeps it for byte-exactness.
    const bytes = base64(r);
    assert.deepEqual(ours.subarray(0, bytes.length), bytes, `${path}: bytes differ`);
  } else if (typeof r === "number" && typeof ours === "bigint") {
    if (Number.isSafeInteger(r)) assert.equal(ours, BigInt(r), path);
    else return 0;
  } else if (
    typeof r === "number" && typeof ours === "string" && /^\d+\.\d+\.\d+\.\d+$/.test(ours)
  ) {
    assert.equal(ours, ipv4FromInt(r), path);
  } else if (typeof r === "string" && typeof ours === "string") {
    assert.equal(ours.toLowerCase(), r.toLowerCase().replace(/\0+$/, ""), path);
  } else if (typeof r === "number" && typeof ours === "number") {
    assert.equal(ours, r, path);
  } else {
    return 0;
  }
  return 1;
}

function mine_is_bytes(v: unknown): v is Uint8Array {
  return v instanceof Uint8Array;
}

/** "OFPFlowMod" → "FLOW_MOD"; Ryu's stats classes name the multipart reply or request. */
function ryuClassToType(name: string): string {
  return name.replace(/^OFP/, "").replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
}

for (const dir of ["of10", "of13"]) {
  peerTest(`corpus ${dir}: every message decodes, re-encodes byte-exact and agrees with Ryu`, [
    "corpus",
  ], async (t) => {
    const messages = readCorpus([dir]);
    assert.ok(
      messages.length >= (dir === "of10" ? 13 : 100),
      `found only ${messages.length} messages`,
    );
    let agreed = 0;
    for (const m of messages) {
      await t.step(m.name, () => {
        const msg: OfpMessage = decode(m.bytes);
        assert.notEqual(msg.type, "RAW", "a known message type decodes to its structure");
        assert.deepEqual(encode(msg), m.bytes, "re-encodes byte-exact");
        assert.deepEqual(decode(encode(msg)), msg);
        if (m.json === undefined) return;
        const [cls, body] = unwrap(m.json);
        const ryuType = ryuClassToType(cls!);
        // Ryu names multipart messages after their body ("DescStatsReply"); ours are MULTIPART_* / STATS_*.
        if (
          /STATS_(REPLY|REQUEST)$|_(REPLY|REQUEST)$/.test(ryuType) &&
          /MULTIPART|STATS_/.test(msg.type)
        ) {
          assert.ok(
            msg.type.endsWith(ryuType.endsWith("REPLY") ? "REPLY" : "REQUEST"),
            `${ryuType} vs ${msg.type}`,
          );
        } else if (!/^NX|^ONF/.test(ryuType)) {
          assert.equal(
            ryuType.replace("SWITCH_FEATURES", "FEATURES_REPLY").replace("ERROR_MSG", "ERROR")
              .replace(/^EXPERIMENTER.*$/, "EXPERIMENTER").replace("SET_ASYNC", "SET_ASYNC"),
            msg.type,
          );
        }
        const compared = agree(body, msg, msg.type);
        if (compared > 0) agreed++;
      });
    }
    const withJson = messages.filter((m) => m.json !== undefined).length;
    // Nearly every message shares decoded fields with Ryu's reading (a few are header-only).
    assert.ok(
      agreed >= withJson * 0.7,
      `only ${agreed} of ${withJson} messages had fields compared with Ryu`,
    );
  });
}

peerTest("corpus: the truncated flow-mod is rejected with a typed error", ["corpus"], () => {
  const [truncated] = readCorpus(["of13"], ".truncated64");
  assert.throws(() => decode(truncated.bytes), OfpDecodeError);
});

peerTest(
  "corpus: every prefix of every message, with its header length fixed, raises only OfpDecodeError",
  ["corpus"],
  () => {
    let rejected = 0;
    for (const m of readCorpus(["of10", "of13"])) {
      for (let len = 0; len < m.bytes.length; len++) {
        const prefix = m.bytes.slice(0, len);
        if (len >= 4) {
          prefix[2] = len >> 8;
          prefix[3] = len & 0xff;
        }
        try {
          const msg = decode(prefix);
          assert.deepEqual(
            decode(encode(msg)),
            msg,
            `${m.name} cut at ${len} decoded but did not round-trip`,
          );
        } catch (e) {
          if (!(e instanceof OfpDecodeError)) throw new Error(`${m.name} cut at ${len}: ${e}`);
          rejected++;
        }
      }
    }
    assert.ok(rejected > 1000, `${rejected} prefixes rejected`);
  },
);
