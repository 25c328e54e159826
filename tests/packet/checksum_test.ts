// The checksums against published values.
import assert from "node:assert/strict";
import { crc32c, internetChecksum } from "../../src/packet/mod.ts";

Deno.test({
  name: "checksums: RFC 1071's internet checksum and RFC 3720's CRC32c check values",
  permissions: "none",
  fn: () => {
    // RFC 1071 section 3: the words 0001 f203 f4f5 f6f7 sum to ddf2.
    assert.equal(
      internetChecksum(new Uint8Array([0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7])),
      0x220d,
    );
    assert.equal(
      internetChecksum(new Uint8Array([0xff])),
      0x00ff,
      "an odd byte counts as the high byte",
    );
    assert.equal(internetChecksum(new Uint8Array(0)), 0xffff);
    assert.equal(internetChecksum(new Uint8Array([0, 1]), 0xfffe), 0, "with a partial sum");
    // CRC32c check value, and RFC 3720 B.4's 32 bytes of zeros and of ones.
    assert.equal(crc32c(new TextEncoder().encode("123456789")), 0xe3069283);
    assert.equal(crc32c(new Uint8Array(32)), 0x8a9136aa);
    assert.equal(crc32c(new Uint8Array(32).fill(0xff)), 0x62a8ab43);
    assert.throws(() => crc32c("x" as unknown as Uint8Array), TypeError);
    assert.throws(() => internetChecksum([1] as unknown as Uint8Array), TypeError);
  },
});
