/**
 * libpcap capture files (Ethernet link type, microsecond or nanosecond timestamps): write
 * what a test sent and saw, to bytes or to a file, and read them back.
 *
 * @module
 */
import { describe } from "../ofp/_addresses.ts";

/** Timestamp resolution of a pcap file, from its magic number. */
export type PcapPrecision = "microsecond" | "nanosecond";

/** Options of {@linkcode PcapWriter}. */
export interface PcapWriterOptions {
  /** Timestamp resolution. Default `"microsecond"` (the classic magic 0xa1b2c3d4). */
  precision?: PcapPrecision;
  /** Longest frame kept; longer ones are cut and keep their original length. Default 262144. */
  snapLength?: number;
}

/** A timestamp: milliseconds since the epoch (fractions kept), a `Date`, or nanoseconds as a bigint. */
export type PcapTime = number | Date | bigint;

/** One captured frame. */
export interface PcapRecord {
  /** Seconds since the epoch. */
  seconds: number;
  /** Nanoseconds after `seconds` (a microsecond file's value times 1000). */
  nanoseconds: number;
  /** The frame's length on the wire (more than `data.length` when the capture cut it). */
  originalLength: number;
  /** The captured bytes: a view into the file's bytes. */
  data: Uint8Array;
}

/** A read capture file. */
export interface PcapFile {
  /** Timestamp resolution. */
  precision: PcapPrecision;
  /** Whether the file was written least significant byte first. */
  littleEndian: boolean;
  /** Format version, e.g. `[2, 4]`. */
  version: [number, number];
  /** Longest frame the capture kept. */
  snapLength: number;
  /** Link type (1 is Ethernet). */
  linkType: number;
  /** The frames, in file order. */
  records: PcapRecord[];
}

const MAGIC_US = 0xa1b2c3d4, MAGIC_NS = 0xa1b23c4d;

/** Seconds and sub-second units of a timestamp. */
function split(time: PcapTime, nano: boolean): [number, number] {
  const scale = nano ? 1_000_000_000 : 1_000_000;
  if (typeof time === "bigint") {
    if (time < 0n) throw new RangeError(`Expected a timestamp after the epoch, got ${time}n`);
    const s = time / 1_000_000_000n, ns = Number(time % 1_000_000_000n);
    return [Number(s), nano ? ns : Math.floor(ns / 1000)];
  }
  const ms = time instanceof Date ? time.getTime() : time;
  if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0) {
    throw new RangeError(
      `Expected a timestamp in milliseconds after the epoch, got ${describe(time)}`,
    );
  }
  const s = Math.floor(ms / 1000);
  return [s, Math.min(scale - 1, Math.round((ms / 1000 - s) * scale))];
}

/** Where a {@linkcode PcapWriter} puts its bytes, when not in memory or a file. */
export interface PcapSink {
  /** Takes the next bytes of the file (the writer does not reuse the array). */
  write(bytes: Uint8Array): void;
  /** Called once by {@linkcode PcapWriter.close}. */
  close(): void;
}

/**
 * Writes a libpcap file with the Ethernet link type: in memory (read it with
 * {@linkcode PcapWriter.bytes}), or straight to a file ({@linkcode PcapWriter.create}).
 * Wireshark and tshark read what it writes.
 *
 * @example
 * ```ts
 * import { PcapWriter, readPcap, simpleTcpPacket } from "@oftest/oftest/packet";
 * import assert from "node:assert/strict";
 *
 * const pcap = new PcapWriter({ precision: "nanosecond" });
 * pcap.write(simpleTcpPacket(), 1_700_000_000_123n * 1_000_000n);
 * const file = readPcap(pcap.bytes());
 * assert.equal(file.precision, "nanosecond");
 * assert.deepEqual(file.records[0].data, simpleTcpPacket());
 * assert.equal(file.records[0].nanoseconds, 123_000_000);
 * ```
 */
export class PcapWriter implements Disposable {
  readonly #nano: boolean;
  readonly #snap: number;
  readonly #sink: PcapSink;
  readonly #chunks: Uint8Array[] | undefined;
  #count = 0;
  #closed = false;

  /**
   * A writer that keeps the file in memory, or hands it to `sink`.
   *
   * @param options Timestamp precision and snap length.
   * @param sink Where the bytes go; default memory (see {@linkcode PcapWriter.bytes}).
   * @throws {RangeError} On an unknown precision or a snap length that is not a positive integer.
   */
  constructor(options: PcapWriterOptions = {}, sink?: PcapSink) {
    const precision = options.precision ?? "microsecond";
    if (precision !== "microsecond" && precision !== "nanosecond") {
      throw new RangeError(
        `Expected precision "microsecond" or "nanosecond", got ${describe(precision)}`,
      );
    }
    const snap = options.snapLength ?? 262144;
    if (!Number.isInteger(snap) || snap < 1 || snap > 0xffffffff) {
      throw new RangeError(`Expected snapLength as a positive integer, got ${describe(snap)}`);
    }
    this.#nano = precision === "nanosecond";
    this.#snap = snap;
    if (sink === undefined) {
      const chunks: Uint8Array[] = [];
      this.#chunks = chunks;
      this.#sink = { write: (b) => chunks.push(b), close: () => {} };
    } else {
      this.#sink = sink;
    }
    const header = new Uint8Array(24);
    const v = new DataView(header.buffer);
    v.setUint32(0, this.#nano ? MAGIC_NS : MAGIC_US, true);
    v.setUint16(4, 2, true);
    v.setUint16(6, 4, true);
    v.setUint32(16, snap, true);
    v.setUint32(20, 1, true); // LINKTYPE_ETHERNET
    this.#sink.write(header);
  }

  /**
   * A writer that streams to a new file at `path` (replacing any file there).
   *
   * @param path Where to write.
   * @param options Timestamp precision and snap length.
   * @returns The writer; close it (or `using` it) to close the file.
   * @throws {Deno.errors.NotFound} If the directory does not exist (and the other file errors).
   * @throws {RangeError} On bad options.
   *
   * @example
   * ```ts ignore
   * import { PcapWriter, simpleTcpPacket } from "@oftest/oftest/packet";
   *
   * using pcap = PcapWriter.create("/tmp/sent.pcap");
   * pcap.write(simpleTcpPacket());
   * ```
   */
  static create(path: string, options: PcapWriterOptions = {}): PcapWriter {
    const file = Deno.openSync(path, { write: true, create: true, truncate: true });
    try {
      return new PcapWriter(options, {
        write: (bytes) => {
          for (let at = 0; at < bytes.length;) at += file.writeSync(bytes.subarray(at));
        },
        close: () => file.close(),
      });
    } catch (e) {
      file.close();
      throw e;
    }
  }

  /** How many frames were written. */
  get count(): number {
    return this.#count;
  }

  /**
   * Appends a frame.
   *
   * @param frame The frame (cut to the snap length; its original length is kept).
   * @param time When it was seen: milliseconds since the epoch, a `Date`, or nanoseconds as a
   *   bigint. Default now.
   * @throws {TypeError} If `frame` is not a Uint8Array or the writer is closed.
   * @throws {RangeError} On a timestamp before the epoch.
   */
  write(frame: Uint8Array, time?: PcapTime): void {
    if (this.#closed) throw new TypeError("Cannot write to a closed PcapWriter");
    if (!(frame instanceof Uint8Array)) {
      throw new TypeError(`Expected the frame as a Uint8Array, got ${describe(frame)}`);
    }
    const [s, frac] = split(time ?? performance.timeOrigin + performance.now(), this.#nano);
    const kept = Math.min(frame.length, this.#snap);
    const record = new Uint8Array(16 + kept);
    const v = new DataView(record.buffer);
    v.setUint32(0, s, true);
    v.setUint32(4, frac, true);
    v.setUint32(8, kept, true);
    v.setUint32(12, frame.length, true);
    record.set(kept === frame.length ? frame : frame.subarray(0, kept), 16);
    this.#sink.write(record);
    this.#count++;
  }

  /**
   * The file so far, for a writer that keeps it in memory.
   *
   * @returns A new array with the header and every record.
   * @throws {TypeError} If the writer writes to a file or a sink.
   */
  bytes(): Uint8Array {
    if (this.#chunks === undefined) {
      throw new TypeError("Cannot return the bytes of a PcapWriter that writes to a file or sink");
    }
    let n = 0;
    for (const c of this.#chunks) n += c.length;
    const out = new Uint8Array(n);
    for (let at = 0, k = 0; k < this.#chunks.length; at += this.#chunks[k++].length) {
      out.set(this.#chunks[k], at);
    }
    return out;
  }

  /** Closes the file (for a file writer); later writes throw. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#sink.close();
  }

  /** Same as {@linkcode PcapWriter.close}. */
  [Symbol.dispose](): void {
    this.close();
  }
}

/**
 * Reads a libpcap file, in either byte order, with microsecond or nanosecond timestamps.
 *
 * @param bytes The whole file.
 * @returns The header's fields and every record; record data are views into `bytes`.
 * @throws {TypeError} If `bytes` is not a Uint8Array or does not start with a pcap magic number.
 * @throws {RangeError} If the header or a record is cut short.
 *
 * @example
 * ```ts
 * import { PcapWriter, readPcap } from "@oftest/oftest/packet";
 * import assert from "node:assert/strict";
 *
 * const w = new PcapWriter({ snapLength: 4 });
 * w.write(new Uint8Array([1, 2, 3, 4, 5, 6]), 1500);
 * const { records } = readPcap(w.bytes());
 * assert.deepEqual(records, [
 *   { seconds: 1, nanoseconds: 500_000_000, originalLength: 6, data: new Uint8Array([1, 2, 3, 4]) },
 * ]);
 * ```
 */
export function readPcap(bytes: Uint8Array): PcapFile {
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(`Expected the file as a Uint8Array, got ${describe(bytes)}`);
  }
  if (bytes.length < 24) {
    throw new RangeError(`Cannot read pcap: expected a 24-byte header, got ${bytes.length} bytes`);
  }
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = v.getUint32(0, true), be = v.getUint32(0, false);
  let littleEndian: boolean, nano: boolean;
  if (le === MAGIC_US || le === MAGIC_NS) [littleEndian, nano] = [true, le === MAGIC_NS];
  else if (be === MAGIC_US || be === MAGIC_NS) [littleEndian, nano] = [false, be === MAGIC_NS];
  else {
    throw new TypeError(
      `Cannot read pcap: expected the magic number 0xa1b2c3d4 or 0xa1b23c4d, got 0x${
        be.toString(16)
      }`,
    );
  }
  const records: PcapRecord[] = [];
  let at = 24;
  while (at < bytes.length) {
    if (at + 16 > bytes.length) {
      throw new RangeError(
        `Cannot read pcap: record ${records.length} at offset ${at} needs a 16-byte header, ` +
          `got ${bytes.length - at} bytes`,
      );
    }
    const kept = v.getUint32(at + 8, littleEndian);
    if (at + 16 + kept > bytes.length) {
      throw new RangeError(
        `Cannot read pcap: record ${records.length} at offset ${at} claims ${kept} bytes, ` +
          `got ${bytes.length - at - 16}`,
      );
    }
    const frac = v.getUint32(at + 4, littleEndian);
    records.push({
      seconds: v.getUint32(at, littleEndian),
      nanoseconds: nano ? frac : frac * 1000,
      originalLength: v.getUint32(at + 12, littleEndian),
      data: bytes.subarray(at + 16, at + 16 + kept),
    });
    at += 16 + kept;
  }
  return {
    precision: nano ? "nanosecond" : "microsecond",
    littleEndian,
    version: [v.getUint16(4, littleEndian), v.getUint16(6, littleEndian)],
    snapLength: v.getUint32(16, littleEndian),
    linkType: v.getUint32(20, littleEndian),
    records,
  };
}
