import assert from "node:assert/strict";
import {
  decode,
  encode,
  helloVersions,
  OfpDecodeError,
  OfpEncodeError,
  type OfpMessage,
  readHeader,
  versionBitmap,
} from "../../src/ofp/mod.ts";

const bytes = (...b: number[]) => new Uint8Array(b);

Deno.test({
  name: "HELLO in any version",
  permissions: "none",
  fn: async (t) => {
    await t.step("Open vSwitch's OF1.0+1.3 HELLO (bitmap 0x12) decodes and re-encodes", () => {
      const wire = bytes(4, 0, 0, 16, 0, 0, 0, 7, 0, 1, 0, 8, 0, 0, 0, 0x12);
      const msg = decode(wire);
      assert.deepEqual(msg, {
        version: 4,
        type: "HELLO",
        xid: 7,
        elements: [{ type: "VERSIONBITMAP", bitmaps: [0x12] }],
      });
      assert.deepEqual(helloVersions(msg as Extract<OfpMessage, { type: "HELLO" }>), [1, 4]);
      assert.deepEqual(encode(msg), wire);
    });

    await t.step("a bare 8-byte HELLO of an unsupported version still decodes", () => {
      const msg = decode(bytes(6, 0, 0, 8, 0, 0, 0, 1));
      assert.deepEqual(msg, { version: 6, type: "HELLO", xid: 1, elements: [] });
      assert.equal(helloVersions(msg as Extract<OfpMessage, { type: "HELLO" }>), undefined);
    });

    await t.step("element padding is computed, unknown elements survive", () => {
      const msg: OfpMessage = {
        version: 4,
        type: "HELLO",
        xid: 0,
        elements: [
          { type: "UNKNOWN", elementType: 9, data: bytes(1, 2, 3) },
          versionBitmap([1, 4, 33]),
        ],
      };
      const wire = encode(msg);
      assert.deepEqual(
        wire,
        bytes(
          4,
          0,
          0,
          32,
          0,
          0,
          0,
          0,
          0,
          9,
          0,
          7,
          1,
          2,
          3,
          0,
          0,
          1,
          0,
          12,
          0,
          0,
          0,
          0x12,
          0,
          0,
          0,
          2,
          0,
          0,
          0,
          0,
        ),
      );
      assert.deepEqual(decode(wire), msg);
    });

    await t.step("bytes that are not a whole element are kept in extra, not rejected", () => {
      // An element shorter than its header, or running past the frame: the rest is extra.
      for (
        const frame of [
          bytes(4, 0, 0, 12, 0, 0, 0, 0, 0, 1, 0, 2),
          bytes(4, 0, 0, 12, 0, 0, 0, 0, 0, 1, 0, 16),
        ]
      ) {
        const msg = decode(frame);
        assert.deepEqual(msg, {
          version: 4,
          type: "HELLO",
          xid: 0,
          elements: [],
          extra: frame.subarray(8),
        });
        assert.deepEqual(encode(msg), frame);
      }
      // A bitmap whose length is not a multiple of 4 is an unknown element of type 1.
      const odd = bytes(4, 0, 0, 16, 0, 0, 0, 0, 0, 1, 0, 6, 1, 2, 0, 0);
      const msg = decode(odd);
      assert.deepEqual(msg.type === "HELLO" && msg.elements, [
        { type: "UNKNOWN", elementType: 1, data: bytes(1, 2) },
      ]);
      assert.equal(msg.type === "HELLO" && helloVersions(msg), undefined);
      assert.deepEqual(encode(msg), odd);
    });

    await t.step("versionBitmap rejects impossible versions", () => {
      assert.throws(() => versionBitmap([256]), RangeError);
      assert.throws(() => versionBitmap([1.5]), RangeError);
    });
  },
});

Deno.test({
  name: "RAW messages and unknown versions",
  permissions: "none",
  fn: () => {
    const wire = bytes(9, 42, 0, 11, 0xff, 0xff, 0xff, 0xff, 1, 2, 3);
    const msg = decode(wire);
    assert.deepEqual(msg, {
      version: 9,
      type: "RAW",
      xid: 0xffffffff,
      msgType: 42,
      body: bytes(1, 2, 3),
    });
    assert.deepEqual(encode(msg), wire);
  },
});

Deno.test({
  name: "decode: frame-level errors are typed and carry offset, path and bytes",
  permissions: "none",
  fn: async (t) => {
    await t.step("shorter than a header", () => {
      const frame = bytes(4, 0, 0);
      assert.throws(() => decode(frame), (e: unknown) => {
        assert.ok(e instanceof OfpDecodeError && e instanceof RangeError);
        assert.equal(e.name, "OfpDecodeError");
        assert.equal(e.path, "header");
        assert.deepEqual(e.bytes, frame);
        return true;
      });
    });
    await t.step("header length differs from the frame", () => {
      assert.throws(
        () => decode(bytes(4, 0, 0, 9, 0, 0, 0, 0)),
        (e: unknown) => e instanceof OfpDecodeError && e.path === "header.length" && e.offset === 2,
      );
    });
    await t.step("readHeader needs 8 bytes", () => {
      assert.throws(() => readHeader(bytes(1, 2, 3)), RangeError);
      assert.deepEqual(readHeader(bytes(0, 4, 2, 0, 12, 0xde, 0xad, 0xbe, 0xef), 1), {
        version: 4,
        type: 2,
        length: 12,
        xid: 0xdeadbeef,
      });
    });
  },
});

Deno.test({
  name: "encode: values out of range for their field are typed errors",
  permissions: "none",
  fn: () => {
    const cases: [unknown, string][] = [
      [{ version: 4, type: "HELLO", xid: -1, elements: [] }, "header.xid"],
      [{ version: 4, type: "HELLO", xid: 2 ** 32, elements: [] }, "header.xid"],
      [{ version: 4, type: "HELLO", xid: 1.5, elements: [] }, "header.xid"],
      [{ version: 256, type: "RAW", xid: 0, msgType: 1, body: bytes() }, "header.version"],
      [{ version: 4, type: "RAW", xid: 0, msgType: 1, body: [1, 2] }, "body"],
      [
        { version: 4, type: "RAW", xid: 0, msgType: 1, body: new Uint8Array(70000) },
        "header.length",
      ],
      [{ version: 7, type: "ECHO_REQUEST", xid: 0 }, "version"],
    ];
    for (const [msg, path] of cases) {
      assert.throws(() => encode(msg as OfpMessage), (e: unknown) => {
        assert.ok(
          e instanceof OfpEncodeError,
          `${JSON.stringify(msg, (_, v) => (v instanceof Uint8Array ? `u8[${v.length}]` : v))}`,
        );
        assert.equal(e.path, path);
        return true;
      });
    }
    assert.throws(() => encode(null as unknown as OfpMessage), OfpEncodeError);
    // A failed encode leaves nothing behind: the next one starts clean.
    assert.deepEqual(
      encode({ version: 4, type: "RAW", xid: 1, msgType: 2, body: bytes() }),
      bytes(4, 2, 0, 8, 0, 0, 0, 1),
    );
  },
});
