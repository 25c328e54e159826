// Every generated frame, written to one pcap by our PcapWriter, is dissected by tshark with
// checksum validation on: no malformed packet, no error but the bad checksums a frame asked
// for, and every checksum tshark verifies is good unless the frame asked for a bad one.
import assert from "node:assert/strict";
import { build, type Layer, PcapWriter } from "../../src/packet/mod.ts";
import { peerTest, which } from "../_util/peers.ts";
import { type GeneratedFrame, generateFrames } from "./_generate.ts";

const SEED = 0x5ca9;
const COUNT = 1200;

/** Wireshark's checksum fields, by the layer type whose checksum they check. */
const STATUS = {
  ipv4: "ip.checksum.status",
  tcp: "tcp.checksum.status",
  udp: "udp.checksum.status",
  icmp: "icmp.checksum.status",
  icmpv6: "icmpv6.checksum.status",
  sctp: "sctp.checksum.status",
} as const;
type Checked = keyof typeof STATUS;
const CHECKED = Object.keys(STATUS) as Checked[];

/** tshark's preferences that turn checksum validation on (names from `tshark -G defaultprefs`). */
const PREFS = [
  "ip.check_checksum:TRUE",
  "tcp.check_checksum:TRUE",
  "udp.check_checksum:TRUE",
  "sctp.checksum:CRC 32c",
];

/** One dissected frame: its protocols, checksum statuses per layer type, expert infos. */
interface Row {
  protocols: string;
  status: Record<Checked, string[]>;
  malformed: boolean;
  experts: { severity: number; message: string }[];
}

/** Runs tshark over a pcap file. */
async function dissect(file: string): Promise<Row[]> {
  const fields = [
    "frame.protocols",
    ...CHECKED.map((t) => STATUS[t]),
    "_ws.malformed",
    "_ws.expert.severity",
    "_ws.expert.message",
  ];
  const out = await new Deno.Command(which("tshark")!, {
    args: [
      "-r",
      file,
      ...PREFS.flatMap((p) => ["-o", p]),
      "-T",
      "fields",
      "-E",
      "separator=\t",
      "-E",
      "occurrence=a",
      "-E",
      "aggregator=;",
      ...fields.flatMap((f) => ["-e", f]),
    ],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  const split = (s: string | undefined) => (s ?? "").split(";").filter((x) => x !== "");
  return new TextDecoder().decode(out.stdout).replace(/\n$/, "").split("\n").map((line) => {
    const c = line.split("\t");
    const severities = split(c[2 + CHECKED.length]).map(Number);
    const messages = split(c[3 + CHECKED.length]);
    return {
      protocols: c[0],
      status: Object.fromEntries(CHECKED.map((t, k) => [t, split(c[1 + k])])) as Record<
        Checked,
        string[]
      >,
      malformed: (c[1 + CHECKED.length] ?? "") !== "",
      experts: severities.map((severity, k) => ({ severity, message: messages[k] ?? "" })),
    };
  });
}

/** The layer types whose explicit checksum differs from the computed one (asked to be bad). */
function askedBad(layers: Layer[]): Checked[] {
  const bad: Checked[] = [];
  const fair = build(layers.map((l) => {
    const { checksum: _, ...rest } = l as Layer & { checksum?: number };
    return rest as Layer;
  }));
  const asked = build(layers);
  if (fair.length !== asked.length) throw new Error("a checksum changed the frame's length");
  // Compare layer by layer: which explicit checksums changed bytes.
  layers.forEach((l, k) => {
    if (!("checksum" in l) || !(CHECKED as string[]).includes(l.type)) return;
    const one = build(layers.map((m, j) => {
      if (j === k) return m;
      const { checksum: _, ...rest } = m as Layer & { checksum?: number };
      return rest as Layer;
    }));
    if (one.some((b, i) => b !== fair[i])) bad.push(l.type as Checked);
  });
  return bad;
}

/** Why a dissected frame is wrong, or undefined when it is right. */
function verdict(frame: GeneratedFrame, row: Row): string | undefined {
  if (row.malformed) return "tshark calls it malformed";
  const bad = askedBad(frame.layers);
  const errors = row.experts.filter((e) => e.severity >= 0x800000);
  const unexpected = errors.filter((e) => !/^Bad (SCTP )?checksum/.test(e.message));
  if (unexpected.length > 0) return `errors: ${unexpected.map((e) => e.message).join("; ")}`;
  const dissected = new Set(row.protocols.split(":"));
  for (const t of CHECKED) {
    const statuses = row.status[t];
    const wanted = bad.filter((b) => b === t).length;
    const got = statuses.filter((s) => s === "0").length;
    // A layer tshark does not reach (a fragment it would reassemble) has no status at all.
    const reached = dissected.has(t === "ipv4" ? "ip" : t);
    if (got !== wanted && (reached || got !== 0)) {
      return `${t}: ${got} bad checksums (statuses ${statuses}), asked for ${wanted}`;
    }
  }
  return undefined;
}

peerTest(
  `tshark: ${COUNT} generated frames in our pcap dissect cleanly, checksums good unless asked`,
  ["tshark"],
  async (t) => {
    const frames = generateFrames(SEED, COUNT);
    const file = await Deno.makeTempFile({ suffix: ".pcap" });
    try {
      {
        using pcap = PcapWriter.create(file, { precision: "nanosecond" });
        frames.forEach((f, i) => pcap.write(build(f.layers, { pad: f.pad }), BigInt(i) * 1000n));
      }
      const rows = await dissect(file);
      assert.equal(rows.length, frames.length, "tshark read every frame of our pcap");

      await t.step("every frame: no malformed packet, bad checksums exactly where asked", () => {
        const wrong = frames.flatMap((f, i) => {
          const why = verdict(f, rows[i]);
          return why === undefined ? [] : [`frame ${i} (${f.name}): ${why}`];
        });
        assert.deepEqual(wrong.slice(0, 10), [], `${wrong.length} frames`);
      });

      await t.step("tshark verified the checksums of every kind, good and bad", () => {
        for (const type of CHECKED) {
          const good = rows.filter((r) => r.status[type].includes("1")).length;
          const bad = rows.filter((r) => r.status[type].includes("0")).length;
          assert.ok(good >= 30, `${type}: only ${good} good checksums verified`);
          assert.ok(bad >= 2, `${type}: only ${bad} bad checksums seen`);
        }
      });

      await t.step("the check flags a wrong checksum and a malformed frame", () => {
        const k = frames.findIndex((f) =>
          f.name === "ethernet/ipv4/udp" && !f.layers.some((l) => "checksum" in l)
        );
        const row = rows[k];
        assert.equal(verdict(frames[k], row), undefined);
        // Had tshark found the UDP checksum bad where the frame asked for none:
        assert.match(
          verdict(frames[k], { ...row, status: { ...row.status, udp: ["0"] } }) ?? "",
          /udp: 1 bad/,
        );
        assert.match(verdict(frames[k], { ...row, malformed: true }) ?? "", /malformed/);
        assert.match(
          verdict(frames[k], {
            ...row,
            experts: [{ severity: 0x800000, message: "Bogus IP header length" }],
          }) ?? "",
          /Bogus/,
        );
      });
    } finally {
      await Deno.remove(file);
    }
  },
);
