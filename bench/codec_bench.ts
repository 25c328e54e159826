// Codec speed against hand-written DataView code doing the same work, in the same run.
// Each bench runs the operation N times per iteration (nanosecond work needs a loop).
// Run: deno task bench
import { decode, encode, of13, type OfpMessage } from "../src/ofp/mod.ts";
import type { OxmTlv } from "../src/ofp/mod.ts";

const N = 1000;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
const mac = (b: Uint8Array, p: number) =>
  `${HEX[b[p]]}:${HEX[b[p + 1]]}:${HEX[b[p + 2]]}:${HEX[b[p + 3]]}:${HEX[b[p + 4]]}:${
    HEX[b[p + 5]]
  }`;
const ipv4 = (b: Uint8Array, p: number) => `${b[p]}.${b[p + 1]}.${b[p + 2]}.${b[p + 3]}`;

// ---- the messages -------------------------------------------------------------------
const frame = Uint8Array.from({ length: 64 }, (_, i) => i);
const packetIn = encode({
  version: 4,
  type: "PACKET_IN",
  xid: 1,
  bufferId: 0xffffffff,
  totalLen: 64,
  reason: 0,
  tableId: 0,
  cookie: 0n,
  match: [{ field: "in_port", value: 1 }],
  data: frame,
});
const flowModMsg = of13.flowMod({
  xid: 2,
  priority: 100,
  match: of13.match({
    in_port: 1,
    eth_type: 0x0800,
    ip_proto: 6,
    ipv4_dst: ["10.0.0.0", "255.255.255.0"],
    tcp_dst: 80,
  }),
  instructions: [of13.applyActions([of13.output(2)]), of13.gotoTable(1)],
});
const flowMod = encode(flowModMsg);
const flowStatsMsg: OfpMessage = {
  version: 4,
  type: "MULTIPART_REPLY",
  xid: 3,
  flags: 0,
  body: {
    type: "FLOW",
    entries: Array.from({ length: 100 }, (_, i) => ({
      tableId: 0,
      durationSec: i,
      durationNsec: 0,
      priority: i,
      idleTimeout: 0,
      hardTimeout: 0,
      flags: 0,
      cookie: BigInt(i),
      packetCount: 10n,
      byteCount: 600n,
      match: [{ field: "in_port", value: i }, { field: "eth_type", value: 0x0800 }] as OxmTlv[],
      instructions: [of13.applyActions([of13.output(2)])],
    })),
  },
};
const flowStats = encode(flowStatsMsg);
const port10 = (portNo: number) => ({
  portNo,
  hwAddr: "aa:55:aa:55:00:01",
  name: `eth${portNo}`,
  config: 0,
  state: 0,
  curr: 0x2c0,
  advertised: 0,
  supported: 0,
  peer: 0,
});
const featuresMsg = {
  version: 1,
  type: "FEATURES_REPLY",
  xid: 4,
  datapathId: 1n,
  nBuffers: 256,
  nTables: 1,
  capabilities: 0xc7,
  actions: 0xfff,
  ports: [1, 2, 3, 4].map(port10),
} as const satisfies OfpMessage;
const features = encode(featuresMsg);

// ---- hand-written baselines: the same objects, straight DataView code ---------------
function oxmTlvs(b: Uint8Array, v: DataView, p: number, end: number): OxmTlv[] {
  const out: OxmTlv[] = [];
  while (p < end) {
    const h = v.getUint32(p);
    const field = (h >>> 9) & 0x7f, mask = (h & 0x100) !== 0, len = h & 0xff;
    p += 4;
    if (field === 0) out.push({ field: "in_port", value: v.getUint32(p) });
    else if (field === 5) out.push({ field: "eth_type", value: v.getUint16(p) });
    else if (field === 10) out.push({ field: "ip_proto", value: b[p] });
    else if (field === 12) {
      out.push(
        mask
          ? { field: "ipv4_dst", value: ipv4(b, p), mask: ipv4(b, p + 4) }
          : { field: "ipv4_dst", value: ipv4(b, p) },
      );
    } else if (field === 14) out.push({ field: "tcp_dst", value: v.getUint16(p) });
    p += len;
  }
  return out;
}

function baselinePacketIn(b: Uint8Array) {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const mlen = v.getUint16(26);
  const mend = 24 + ((mlen + 7) & ~7);
  return {
    version: 4,
    type: "PACKET_IN",
    xid: v.getUint32(4),
    bufferId: v.getUint32(8),
    totalLen: v.getUint16(12),
    reason: b[14],
    tableId: b[15],
    cookie: v.getBigUint64(16),
    match: oxmTlvs(b, v, 28, 24 + mlen),
    data: b.subarray(mend + 2),
  };
}

function baselineFlowMod(b: Uint8Array) {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const mlen = v.getUint16(50);
  const match = oxmTlvs(b, v, 52, 48 + mlen);
  let p = 48 + ((mlen + 7) & ~7);
  const instructions = [];
  while (p < b.length) {
    const t = v.getUint16(p), len = v.getUint16(p + 2);
    if (t === 1) instructions.push({ type: "GOTO_TABLE", tableId: b[p + 4] });
    else if (t === 4) {
      const actions = [];
      for (let a = p + 8; a < p + len; a += v.getUint16(a + 2)) {
        actions.push({ type: "OUTPUT", port: v.getUint32(a + 4), maxLen: v.getUint16(a + 8) });
      }
      instructions.push({ type: "APPLY_ACTIONS", actions });
    }
    p += len;
  }
  return {
    version: 4,
    type: "FLOW_MOD",
    xid: v.getUint32(4),
    cookie: v.getBigUint64(8),
    cookieMask: v.getBigUint64(16),
    tableId: b[24],
    command: b[25],
    idleTimeout: v.getUint16(26),
    hardTimeout: v.getUint16(28),
    priority: v.getUint16(30),
    bufferId: v.getUint32(32),
    outPort: v.getUint32(36),
    outGroup: v.getUint32(40),
    flags: v.getUint16(44),
    match,
    instructions,
  };
}

function baselineFlowStats(b: Uint8Array) {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const entries = [];
  for (let p = 16; p < b.length;) {
    const len = v.getUint16(p);
    const mlen = v.getUint16(p + 50);
    const match = oxmTlvs(b, v, p + 52, p + 48 + mlen);
    const instructions = [];
    for (let i = p + 48 + ((mlen + 7) & ~7); i < p + len;) {
      const ilen = v.getUint16(i + 2);
      const actions = [];
      for (let a = i + 8; a < i + ilen; a += v.getUint16(a + 2)) {
        actions.push({ type: "OUTPUT", port: v.getUint32(a + 4), maxLen: v.getUint16(a + 8) });
      }
      instructions.push({ type: "APPLY_ACTIONS", actions });
      i += ilen;
    }
    entries.push({
      tableId: b[p + 2],
      durationSec: v.getUint32(p + 4),
      durationNsec: v.getUint32(p + 8),
      priority: v.getUint16(p + 12),
      idleTimeout: v.getUint16(p + 14),
      hardTimeout: v.getUint16(p + 16),
      flags: v.getUint16(p + 18),
      cookie: v.getBigUint64(p + 24),
      packetCount: v.getBigUint64(p + 32),
      byteCount: v.getBigUint64(p + 40),
      match,
      instructions,
    });
    p += len;
  }
  return {
    version: 4,
    type: "MULTIPART_REPLY",
    xid: v.getUint32(4),
    flags: v.getUint16(10),
    body: { type: "FLOW", entries },
  };
}

function baselineFeatures(b: Uint8Array) {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const ports = [];
  for (let p = 32; p < b.length; p += 48) {
    let end = p + 8;
    while (end < p + 24 && b[end] !== 0) end++;
    ports.push({
      portNo: v.getUint16(p),
      hwAddr: mac(b, p + 2),
      name: String.fromCharCode(...b.subarray(p + 8, end)),
      config: v.getUint32(p + 24),
      state: v.getUint32(p + 28),
      curr: v.getUint32(p + 32),
      advertised: v.getUint32(p + 36),
      supported: v.getUint32(p + 40),
      peer: v.getUint32(p + 44),
    });
  }
  return {
    version: 1,
    type: "FEATURES_REPLY",
    xid: v.getUint32(4),
    datapathId: v.getBigUint64(8),
    nBuffers: v.getUint32(16),
    nTables: b[20],
    capabilities: v.getUint32(24),
    actions: v.getUint32(28),
    ports,
  };
}

// Baseline encoders write into one reused buffer and copy the result out, as encode() does.
const scratch = new Uint8Array(64 * 1024);
const sv = new DataView(scratch.buffer);
function baselineEncodePacketIn(m: typeof packetInDecoded): Uint8Array {
  sv.setUint8(0, 4), sv.setUint8(1, 10), sv.setUint32(4, m.xid), sv.setUint32(8, m.bufferId);
  sv.setUint16(12, m.totalLen),
    sv.setUint8(14, m.reason),
    sv.setUint8(15, m.tableId),
    sv.setBigUint64(16, m.cookie);
  sv.setUint16(24, 1),
    sv.setUint16(26, 12),
    sv.setUint32(28, 0x80000004),
    sv.setUint32(32, (m.match[0] as { value: number }).value);
  sv.setUint32(36, 0), sv.setUint16(40, 0);
  scratch.set(m.data, 42);
  sv.setUint16(2, 42 + m.data.length);
  return scratch.slice(0, 42 + m.data.length);
}
function baselineEncodeFeatures(m: typeof featuresMsg): Uint8Array {
  sv.setUint8(0, 1), sv.setUint8(1, 6), sv.setUint32(4, m.xid), sv.setBigUint64(8, m.datapathId);
  sv.setUint32(16, m.nBuffers),
    sv.setUint8(20, m.nTables),
    sv.setUint32(24, m.capabilities),
    sv.setUint32(28, m.actions);
  let p = 32;
  for (const port of m.ports) {
    sv.setUint16(p, port.portNo);
    const parts = port.hwAddr.split(":");
    for (let i = 0; i < 6; i++) scratch[p + 2 + i] = parseInt(parts[i], 16);
    scratch.fill(0, p + 8, p + 24);
    for (let i = 0; i < port.name.length; i++) scratch[p + 8 + i] = port.name.charCodeAt(i);
    sv.setUint32(p + 24, port.config),
      sv.setUint32(p + 28, port.state),
      sv.setUint32(p + 32, port.curr);
    sv.setUint32(p + 36, port.advertised),
      sv.setUint32(p + 40, port.supported),
      sv.setUint32(p + 44, port.peer);
    p += 48;
  }
  sv.setUint16(2, p);
  return scratch.slice(0, p);
}

const packetInDecoded = baselinePacketIn(packetIn);
let sink: unknown;

const cases: [string, Uint8Array, (b: Uint8Array) => unknown][] = [
  ["OF1.3 packet-in (106 bytes)", packetIn, baselinePacketIn],
  ["OF1.3 flow-mod (5 OXM, 2 instructions)", flowMod, baselineFlowMod],
  ["OF1.3 flow-stats reply (100 entries)", flowStats, baselineFlowStats],
  ["OF1.0 features reply (4 ports)", features, baselineFeatures],
];
for (const [name, bytes, baseline] of cases) {
  const group = `decode ${name}`;
  Deno.bench({
    name: "DataView baseline",
    group,
    baseline: true,
    fn: () => {
      for (let i = 0; i < N; i++) sink = baseline(bytes);
    },
  });
  Deno.bench({
    name: "decode()",
    group,
    fn: () => {
      for (let i = 0; i < N; i++) sink = decode(bytes);
    },
  });
}

const encodeCases: [string, OfpMessage, ((m: never) => Uint8Array) | undefined][] = [
  [
    "OF1.3 packet-in (106 bytes)",
    decode(packetIn),
    baselineEncodePacketIn as (m: never) => Uint8Array,
  ],
  [
    "OF1.0 features reply (4 ports)",
    featuresMsg,
    baselineEncodeFeatures as (m: never) => Uint8Array,
  ],
];
for (const [name, msg, baseline] of encodeCases) {
  const group = `encode ${name}`;
  Deno.bench({
    name: "DataView baseline",
    group,
    baseline: true,
    fn: () => {
      for (let i = 0; i < N; i++) sink = baseline!(msg as never);
    },
  });
  Deno.bench({
    name: "encode()",
    group,
    fn: () => {
      for (let i = 0; i < N; i++) sink = encode(msg);
    },
  });
}
type FlowModMsg = typeof flowModMsg;
type FlowStatsEntry = Extract<
  Extract<OfpMessage, { type: "MULTIPART_REPLY" }>["body"],
  { type: "FLOW" }
>["entries"][number];

/** Writes the OXM TLVs these benches use; returns the end offset. */
function writeOxms(tlvs: OxmTlv[], p: number): number {
  for (const t of tlvs) {
    const f = t as { field: string; value: number | string; mask?: string };
    switch (f.field) {
      case "in_port":
        sv.setUint32(p, 0x80000004), sv.setUint32(p + 4, f.value as number), p += 8;
        break;
      case "eth_type":
        sv.setUint32(p, 0x80000a02), sv.setUint16(p + 4, f.value as number), p += 6;
        break;
      case "ip_proto":
        sv.setUint32(p, 0x80001401), scratch[p + 4] = f.value as number, p += 5;
        break;
      case "tcp_dst":
        sv.setUint32(p, 0x80001c02), sv.setUint16(p + 4, f.value as number), p += 6;
        break;
      case "ipv4_dst": {
        sv.setUint32(p, f.mask ? 0x80001908 : 0x80001804);
        const a = (f.value as string).split("."), m = (f.mask ?? "").split(".");
        for (let i = 0; i < 4; i++) scratch[p + 4 + i] = Number(a[i]);
        if (f.mask) { for (let i = 0; i < 4; i++) scratch[p + 8 + i] = Number(m[i]); }
        p += f.mask ? 12 : 8;
        break;
      }
    }
  }
  return p;
}
function writeMatch(tlvs: OxmTlv[], p: number): number {
  const end = writeOxms(tlvs, p + 4);
  sv.setUint16(p, 1), sv.setUint16(p + 2, end - p);
  const padded = p + ((end - p + 7) & ~7);
  scratch.fill(0, end, padded);
  return padded;
}
function writeApplyOutput(actions: { port: number; maxLen: number }[], p: number): number {
  sv.setUint16(p, 4), sv.setUint16(p + 2, 8 + 16 * actions.length), sv.setUint32(p + 4, 0);
  let a = p + 8;
  for (const o of actions) {
    sv.setUint16(a, 0),
      sv.setUint16(a + 2, 16),
      sv.setUint32(a + 4, o.port),
      sv.setUint16(a + 8, o.maxLen);
    sv.setUint32(a + 10, 0), sv.setUint16(a + 14, 0), a += 16;
  }
  return a;
}
function baselineEncodeFlowMod(m: FlowModMsg): Uint8Array {
  sv.setUint8(0, 4), sv.setUint8(1, 14), sv.setUint32(4, m.xid), sv.setBigUint64(8, m.cookie);
  sv.setBigUint64(16, m.cookieMask), scratch[24] = m.tableId, scratch[25] = m.command;
  sv.setUint16(26, m.idleTimeout), sv.setUint16(28, m.hardTimeout), sv.setUint16(30, m.priority);
  sv.setUint32(32, m.bufferId),
    sv.setUint32(36, m.outPort),
    sv.setUint32(40, m.outGroup),
    sv.setUint16(44, m.flags);
  sv.setUint16(46, 0);
  let p = writeMatch(m.match, 48);
  for (const ins of m.instructions) {
    if (ins.type === "GOTO_TABLE") {
      sv.setUint16(p, 1),
        sv.setUint16(p + 2, 8),
        scratch[p + 4] = ins.tableId,
        scratch.fill(0, p + 5, p + 8),
        p += 8;
    } else if (ins.type === "APPLY_ACTIONS") {
      p = writeApplyOutput(ins.actions as { port: number; maxLen: number }[], p);
    }
  }
  sv.setUint16(2, p);
  return scratch.slice(0, p);
}
function baselineEncodeFlowStats(m: typeof flowStatsMsg): Uint8Array {
  const body = (m as Extract<OfpMessage, { type: "MULTIPART_REPLY" }>).body as {
    entries: FlowStatsEntry[];
  };
  sv.setUint8(0, 4),
    sv.setUint8(1, 19),
    sv.setUint32(4, m.xid),
    sv.setUint16(8, 1),
    sv.setUint16(10, 0);
  sv.setUint32(12, 0);
  let p = 16;
  for (const e of body.entries) {
    const start = p;
    scratch[p + 2] = e.tableId, scratch[p + 3] = 0, sv.setUint32(p + 4, e.durationSec);
    sv.setUint32(p + 8, e.durationNsec),
      sv.setUint16(p + 12, e.priority),
      sv.setUint16(p + 14, e.idleTimeout);
    sv.setUint16(p + 16, e.hardTimeout), sv.setUint16(p + 18, e.flags), sv.setUint32(p + 20, 0);
    sv.setBigUint64(p + 24, e.cookie),
      sv.setBigUint64(p + 32, e.packetCount),
      sv.setBigUint64(p + 40, e.byteCount);
    p = writeMatch(e.match, p + 48);
    for (const ins of e.instructions) {
      p = writeApplyOutput((ins as { actions: { port: number; maxLen: number }[] }).actions, p);
    }
    sv.setUint16(start, p - start);
  }
  sv.setUint16(2, p);
  return scratch.slice(0, p);
}

// The baselines must produce the very bytes encode() does, or the comparison means nothing.
for (
  const [name, ours, theirs] of [
    ["packet-in", encode(decode(packetIn)), baselineEncodePacketIn(packetInDecoded)],
    ["features", encode(featuresMsg), baselineEncodeFeatures(featuresMsg)],
    ["flow-mod", encode(flowModMsg), baselineEncodeFlowMod(flowModMsg)],
    ["flow-stats", encode(flowStatsMsg), baselineEncodeFlowStats(flowStatsMsg)],
  ] as const
) {
  if (ours.length !== theirs.length || ours.some((b, i) => b !== theirs[i])) {
    throw new Error(`The ${name} baseline encoder disagrees with encode()`);
  }
}

for (
  const [name, msg, baseline] of [
    ["OF1.3 flow-mod (5 OXM, 2 instructions)", flowModMsg, baselineEncodeFlowMod],
    ["OF1.3 flow-stats reply (100 entries)", flowStatsMsg, baselineEncodeFlowStats],
  ] as const
) {
  const group = `encode ${name}`;
  const run = baseline as (m: OfpMessage) => Uint8Array;
  Deno.bench({
    name: "DataView baseline",
    group,
    baseline: true,
    fn: () => {
      for (let i = 0; i < N; i++) sink = run(msg);
    },
  });
  Deno.bench({
    name: "encode()",
    group,
    fn: () => {
      for (let i = 0; i < N; i++) sink = encode(msg);
    },
  });
}

// Keep the results observable so nothing is optimised away.
globalThis.addEventListener("unload", () => {
  if (sink === undefined) throw new Error("benchmarks produced nothing");
});
