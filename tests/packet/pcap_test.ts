// pcap: what PcapWriter writes, readPcap reads (both precisions, both byte orders), to
// memory or a file; bad files are typed errors.
import assert from "node:assert/strict";
import { PcapWriter, readPcap, simpleTcpPacket, simpleUdpPacket } from "../../src/packet/mod.ts";

Deno.test({
  name: "pcap: write and read, microsecond and nanosecond",
  permissions: "none",
  fn: () => {
    const frames = [simpleTcpPacket(), simpleUdpPacket({ pktlen: 64 })];
    const us = new PcapWriter();
    us.write(frames[0], 1_700_000_000_123.456);
    us.write(frames[1], new Date(2000));
    const a = readPcap(us.bytes());
    assert.deepEqual(
      { ...a, records: a.records.map((r) => ({ ...r, data: Array.from(r.data) })) },
      {
        precision: "microsecond",
        littleEndian: true,
        version: [2, 4],
        snapLength: 262144,
        linkType: 1,
        records: [
          {
            seconds: 1_700_000_000,
            nanoseconds: 123_456_000,
            originalLength: 100,
            data: Array.from(frames[0]),
          },
          { seconds: 2, nanoseconds: 0, originalLength: 64, data: Array.from(frames[1]) },
        ],
      },
    );
    assert.equal(us.count, 2);
    const ns = new PcapWriter({ precision: "nanosecond", snapLength: 50 });
    ns.write(frames[0], 1_700_000_000_000_000_007n);
    const b = readPcap(ns.bytes());
    assert.equal(b.precision, "nanosecond");
    assert.deepEqual([b.records[0].seconds, b.records[0].nanoseconds], [1_700_000_000, 7]);
    assert.deepEqual(
      [b.records[0].data.length, b.records[0].originalLength],
      [50, 100],
      "cut to the snap length",
    );
    const now = new PcapWriter();
    now.write(frames[0]);
    const t = readPcap(now.bytes()).records[0].seconds;
    assert.ok(Math.abs(t - Date.now() / 1000) < 60, "no time: now");
  },
});

Deno.test({
  name: "pcap: a big-endian file reads too",
  permissions: "none",
  fn: () => {
    const file = new Uint8Array(24 + 16 + 3);
    const v = new DataView(file.buffer);
    v.setUint32(0, 0xa1b23c4d); // nanosecond magic, big-endian
    v.setUint16(4, 2);
    v.setUint16(6, 4);
    v.setUint32(16, 65535);
    v.setUint32(20, 1);
    v.setUint32(24, 5);
    v.setUint32(28, 6);
    v.setUint32(32, 3);
    v.setUint32(36, 3);
    file.set([7, 8, 9], 40);
    const r = readPcap(file);
    assert.deepEqual([r.littleEndian, r.precision, r.snapLength], [false, "nanosecond", 65535]);
    assert.deepEqual(r.records, [{
      seconds: 5,
      nanoseconds: 6,
      originalLength: 3,
      data: new Uint8Array([7, 8, 9]),
    }]);
  },
});

Deno.test({
  name: "pcap: bad files and arguments are typed errors",
  permissions: "none",
  fn: () => {
    assert.throws(() => readPcap(new Uint8Array(10)), /expected a 24-byte header, got 10 bytes/);
    assert.throws(
      () => readPcap(new Uint8Array(24)),
      /expected the magic number 0xa1b2c3d4 or 0xa1b23c4d, got 0x0/,
    );
    const w = new PcapWriter();
    w.write(new Uint8Array(10), 0);
    const bytes = w.bytes();
    assert.throws(
      () => readPcap(bytes.subarray(0, 30)),
      /record 0 at offset 24 needs a 16-byte header, got 6 bytes/,
    );
    assert.throws(
      () => readPcap(bytes.subarray(0, 45)),
      /record 0 at offset 24 claims 10 bytes, got 5/,
    );
    assert.throws(() => new PcapWriter({ precision: "millisecond" as never }), RangeError);
    assert.throws(() => new PcapWriter({ snapLength: 0 }), RangeError);
    assert.throws(() => w.write([1] as unknown as Uint8Array), TypeError);
    assert.throws(() => w.write(new Uint8Array(1), -1), RangeError);
    w.close();
    assert.throws(() => w.write(new Uint8Array(1)), /closed/);
  },
});

Deno.test({
  name: "pcap: a file writer streams to disk",
  permissions: { read: true, write: true },
  fn: async () => {
    const path = await Deno.makeTempFile({ suffix: ".pcap" });
    try {
      {
        using w = PcapWriter.create(path, { precision: "nanosecond" });
        for (let i = 0; i < 3; i++) w.write(simpleTcpPacket({ tcpDport: i }), BigInt(i));
        assert.throws(() => w.bytes(), /writes to a file/);
      }
      const r = readPcap(await Deno.readFile(path));
      assert.deepEqual(r.records.map((x) => x.data[37]), [0, 1, 2]);
      assert.throws(() => PcapWriter.create("/nonexistent-dir/x.pcap"), Deno.errors.NotFound);
    } finally {
      await Deno.remove(path);
    }
  },
});
