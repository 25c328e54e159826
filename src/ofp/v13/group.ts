// Groups: the buckets of GROUP_MOD and of a GROUP_DESC reply, and the GROUP and
// GROUP_FEATURES multipart reply bodies.

import type { Reader } from "../_reader.ts";
import type { Writer } from "../_writer.ts";
import { OfpEncodeError } from "../errors.ts";
import { decodeActions, encodeActions } from "./_actions_wire.ts";
import type { Of13GroupDesc, Of13GroupFeaturesBody, Of13GroupStats } from "./multipart_types.ts";
import type { Of13Bucket } from "./types.ts";

/** Size of `ofp_bucket` before its actions. */
const BUCKET_LEN = 16;
/** Size of `ofp_group_stats` before its bucket counters. */
const GROUP_STATS_LEN = 40;
/** Size of one `ofp_bucket_counter`. */
const BUCKET_COUNTER_LEN = 16;
/** Size of `ofp_group_desc` before its buckets. */
const GROUP_DESC_LEN = 8;

/** Field paths of a bucket list, built once per context instead of once per bucket. */
export interface BucketPaths {
  list: string;
  len: string;
  weight: string;
  watchPort: string;
  watchGroup: string;
  actions: string;
}

function bucketPaths(base: string): BucketPaths {
  return {
    list: base,
    len: `${base}[].len`,
    weight: `${base}[].weight`,
    watchPort: `${base}[].watchPort`,
    watchGroup: `${base}[].watchGroup`,
    actions: `${base}[].actions`,
  };
}

/** Paths of GROUP_MOD's buckets. */
export const GROUP_MOD_BUCKETS: BucketPaths = bucketPaths("group_mod.buckets");
const GROUP_DESC_BUCKETS: BucketPaths = bucketPaths("multipart_reply.group_desc[].buckets");

/** Reads `ofp_bucket`s until `r` is exhausted. */
export function decodeBuckets(r: Reader, p: BucketPaths): Of13Bucket[] {
  const out: Of13Bucket[] = [];
  while (r.pos < r.end) {
    const at = r.pos;
    const len = r.u16(p.len);
    if (len < BUCKET_LEN) {
      r.fail(`Bucket length ${len} is below its ${BUCKET_LEN}-byte header`, p.len, at);
    }
    const b = r.sub(len - 2, p.len);
    const weight = b.u16(p.weight);
    const watchPort = b.u32(p.watchPort);
    const watchGroup = b.u32(p.watchGroup);
    b.skip(4, p.list);
    out.push({ weight, watchPort, watchGroup, actions: decodeActions(b, p.actions) });
  }
  return out;
}

/** Writes `ofp_bucket`s, computing each length. */
export function encodeBuckets(w: Writer, buckets: readonly Of13Bucket[], p: BucketPaths): void {
  if (!Array.isArray(buckets)) throw new OfpEncodeError("Expected an array of buckets", p.list);
  for (const b of buckets as Of13Bucket[]) {
    if (b === null || typeof b !== "object") {
      throw new OfpEncodeError("Expected a bucket object", p.list);
    }
    const start = w.pos;
    w.u16(0, p.len);
    w.u16(b.weight ?? 0, p.weight);
    w.u32(b.watchPort, p.watchPort);
    w.u32(b.watchGroup, p.watchGroup);
    w.zeros(4);
    encodeActions(w, b.actions, p.actions);
    w.patchLength16(start, start, p.len);
  }
}

/** Reads the entries of a GROUP_DESC reply. */
export function decodeGroupDescs(r: Reader): Of13GroupDesc[] {
  const out: Of13GroupDesc[] = [];
  while (r.pos < r.end) {
    const at = r.pos;
    const len = r.u16("multipart_reply.group_desc[].length");
    if (len < GROUP_DESC_LEN) {
      r.fail(
        `Group description length ${len} is below its ${GROUP_DESC_LEN}-byte header`,
        "multipart_reply.group_desc[].length",
        at,
      );
    }
    const g = r.sub(len - 2, "multipart_reply.group_desc[].length");
    const groupType = g.u8("multipart_reply.group_desc[].type");
    g.skip(1, "multipart_reply.group_desc[].padding");
    const groupId = g.u32("multipart_reply.group_desc[].groupId");
    out.push({ groupType, groupId, buckets: decodeBuckets(g, GROUP_DESC_BUCKETS) });
  }
  return out;
}

/** Writes the entries of a GROUP_DESC reply. */
export function encodeGroupDescs(w: Writer, entries: readonly Of13GroupDesc[]): void {
  const path = "multipart_reply.group_desc";
  if (!Array.isArray(entries)) throw new OfpEncodeError("Expected an array of groups", path);
  for (const g of entries as Of13GroupDesc[]) {
    const start = w.pos;
    w.u16(0, path);
    w.u8(g.groupType, "multipart_reply.group_desc[].groupType");
    w.zeros(1);
    w.u32(g.groupId, "multipart_reply.group_desc[].groupId");
    encodeBuckets(w, g.buckets, GROUP_DESC_BUCKETS);
    w.patchLength16(start, start, "multipart_reply.group_desc[].length");
  }
}

/** Reads the entries of a GROUP stats reply. */
export function decodeGroupStats(r: Reader): Of13GroupStats[] {
  const path = "multipart_reply.group[]";
  const out: Of13GroupStats[] = [];
  while (r.pos < r.end) {
    const at = r.pos;
    const len = r.u16("multipart_reply.group[].length");
    if (len < GROUP_STATS_LEN || (len - GROUP_STATS_LEN) % BUCKET_COUNTER_LEN !== 0) {
      r.fail(
        `Group stats length ${len} is not ${GROUP_STATS_LEN} plus ${BUCKET_COUNTER_LEN} per bucket`,
        "multipart_reply.group[].length",
        at,
      );
    }
    const g = r.sub(len - 2, "multipart_reply.group[].length");
    g.skip(2, path);
    const groupId = g.u32(path);
    const refCount = g.u32(path);
    g.skip(4, path);
    const packetCount = g.u64(path);
    const byteCount = g.u64(path);
    const durationSec = g.u32(path);
    const durationNsec = g.u32(path);
    const bucketStats: Of13GroupStats["bucketStats"] = [];
    while (g.pos < g.end) {
      const packetCount = g.u64("multipart_reply.group[].bucketStats");
      const byteCount = g.u64("multipart_reply.group[].bucketStats");
      bucketStats.push({ packetCount, byteCount });
    }
    out.push({ groupId, refCount, packetCount, byteCount, durationSec, durationNsec, bucketStats });
  }
  return out;
}

/** Writes the entries of a GROUP stats reply. */
export function encodeGroupStats(w: Writer, entries: readonly Of13GroupStats[]): void {
  const path = "multipart_reply.group[]";
  if (!Array.isArray(entries)) {
    throw new OfpEncodeError("Expected an array of group stats", "multipart_reply.group");
  }
  for (const g of entries as Of13GroupStats[]) {
    const start = w.pos;
    w.u16(0, path);
    w.zeros(2);
    w.u32(g.groupId, "multipart_reply.group[].groupId");
    w.u32(g.refCount, "multipart_reply.group[].refCount");
    w.zeros(4);
    w.u64(g.packetCount, "multipart_reply.group[].packetCount");
    w.u64(g.byteCount, "multipart_reply.group[].byteCount");
    w.u32(g.durationSec, "multipart_reply.group[].durationSec");
    w.u32(g.durationNsec, "multipart_reply.group[].durationNsec");
    if (!Array.isArray(g.bucketStats)) {
      throw new OfpEncodeError(
        "Expected an array of bucket counters",
        "multipart_reply.group[].bucketStats",
      );
    }
    for (const b of g.bucketStats) {
      w.u64(b.packetCount, "multipart_reply.group[].bucketStats[].packetCount");
      w.u64(b.byteCount, "multipart_reply.group[].bucketStats[].byteCount");
    }
    w.patchLength16(start, start, "multipart_reply.group[].length");
  }
}

type GroupFeatures = Omit<Of13GroupFeaturesBody, "type">;

/** Reads the GROUP_FEATURES reply body (40 bytes). */
export function decodeGroupFeatures(r: Reader): GroupFeatures {
  const path = "multipart_reply.group_features";
  r.need(40, path);
  const types = r.u32(path);
  const capabilities = r.u32(path);
  const maxGroups: [number, number, number, number] = [
    r.u32(path),
    r.u32(path),
    r.u32(path),
    r.u32(path),
  ];
  const actions: [number, number, number, number] = [
    r.u32(path),
    r.u32(path),
    r.u32(path),
    r.u32(path),
  ];
  return { types, capabilities, maxGroups, actions };
}

/** Writes the GROUP_FEATURES reply body. */
export function encodeGroupFeatures(w: Writer, body: GroupFeatures): void {
  w.u32(body.types, "multipart_reply.group_features.types");
  w.u32(body.capabilities, "multipart_reply.group_features.capabilities");
  for (const [name, words] of [["maxGroups", body.maxGroups], ["actions", body.actions]] as const) {
    if (!Array.isArray(words) || words.length !== 4) {
      throw new OfpEncodeError(
        "Expected 4 words, one per group type (ALL, SELECT, INDIRECT, FF)",
        `multipart_reply.group_features.${name}`,
      );
    }
    for (let i = 0; i < 4; i++) w.u32(words[i], `multipart_reply.group_features.${name}[${i}]`);
  }
}
