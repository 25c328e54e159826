// Load generator, run as a separate process by bench/perf/main.ts. Modes:
//   blast HOST PORT N          : act as an OF1.3 switch, then send N packet-ins as fast as possible
//   raw-blast HOST PORT N      : send N packet-ins with no handshake (for the bare baseline)
//   echo-peer                  : listen on a free port (printed), answer HELLO/FEATURES/ECHO/BARRIER
//   cbench HOST PORT S SECS W  : S OF1.0 switches; each keeps W packet-ins outstanding and counts
//                                answers (FLOW_MOD or PACKET_OUT carrying its buffer id)
// Results are one JSON line on stdout.
import {
  featuresReply,
  header,
  hello,
  packetIn10,
  packetIn13,
  readFrames,
  repeat,
  writeAll,
} from "../_frames.ts";

const [mode, ...args] = Deno.args;

async function handshake13(conn: Deno.Conn, dpid: bigint, ready: () => void): Promise<void> {
  await writeAll(conn, hello(4, [1, 4]));
  await readFrames(conn, (v, o, len) => {
    const type = v.getUint8(o + 1), xid = v.getUint32(o + 4);
    if (type === 5) {
      writeAll(conn, featuresReply(4, xid, dpid)).then(ready);
    } else if (type === 2) {
      const reply = new Uint8Array(v.buffer, v.byteOffset + o, len).slice();
      reply[1] = 3;
      writeAll(conn, reply);
    } else if (type === 20) {
      writeAll(conn, header(4, 21, 8, xid));
    }
  });
}

if (mode === "blast" || mode === "raw-blast") {
  const [hostname, port, count] = [args[0], Number(args[1]), Number(args[2])];
  const conn = await Deno.connect({ hostname, port });
  conn.setNoDelay(true);
  const { promise: ready, resolve } = Promise.withResolvers<void>();
  const reading = mode === "blast"
    ? handshake13(conn, 1n, resolve)
    : (resolve(), Promise.resolve());
  await ready;
  const batch = 600; // ≈ 64 KB per write
  const chunk = repeat(packetIn13(0), batch);
  const t0 = performance.now();
  let sent = 0;
  while (sent < count) {
    const n = Math.min(batch, count - sent);
    await writeAll(conn, n === batch ? chunk : chunk.subarray(0, n * 106));
    sent += n;
  }
  const seconds = (performance.now() - t0) / 1000;
  console.log(JSON.stringify({ sent, seconds }));
  // Keep answering echoes until the other side closes.
  await reading;
  try {
    conn.close();
  } catch { /* closed */ }
} else if (mode === "echo-peer") {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  console.log(JSON.stringify({ port: (listener.addr as Deno.NetAddr).port }));
  for await (const conn of listener) {
    conn.setNoDelay(true);
    handshake13(conn, 2n, () => {}).catch(() => {});
  }
} else if (mode === "cbench") {
  const [hostname, port, switches, secs, window] = [
    args[0],
    Number(args[1]),
    Number(args[2]),
    Number(args[3]),
    Number(args[4]),
  ];
  let answered = 0;
  let measuring = false;
  const conns: Deno.Conn[] = [];
  const readers: Promise<void>[] = [];
  const started: Promise<void>[] = [];
  for (let s = 0; s < switches; s++) {
    const conn = await Deno.connect({ hostname, port });
    conn.setNoDelay(true);
    conns.push(conn);
    const { promise, resolve } = Promise.withResolvers<void>();
    started.push(promise);
    let nextBuffer = (s + 1) << 24;
    const send = (n: number) => {
      const out = new Uint8Array(78 * n);
      for (let i = 0; i < n; i++) out.set(packetIn10(i, nextBuffer++, s + 1), i * 78);
      return writeAll(conn, out).catch(() => {});
    };
    await writeAll(conn, hello(1, [1]));
    readers.push(readFrames(conn, (v, o, len) => {
      const type = v.getUint8(o + 1), xid = v.getUint32(o + 4);
      if (type === 5) {
        // OF1.0 FEATURES_REPLY with one port, then start the window.
        const f = header(1, 6, 32 + 48, xid);
        const fv = new DataView(f.buffer);
        fv.setBigUint64(8, BigInt(s + 1)),
          fv.setUint32(16, 256),
          fv.setUint8(20, 1),
          fv.setUint32(28, 0xfff);
        fv.setUint16(32, 1);
        writeAll(conn, f).then(() => send(window)).then(resolve);
      } else if (type === 2) {
        const reply = new Uint8Array(v.buffer, v.byteOffset + o, len).slice();
        reply[1] = 3;
        writeAll(conn, reply);
      } else if (type === 18) {
        writeAll(conn, header(1, 19, 8, xid));
      } else if (type === 14 || type === 13) {
        // FLOW_MOD and PACKET_OUT both carry a buffer id: one answer per packet-in.
        const bufferId = type === 14 ? v.getUint32(o + 64) : v.getUint32(o + 8);
        if (bufferId !== 0xffffffff) {
          if (measuring) answered++;
          send(1);
        }
      }
    }));
  }
  await Promise.all(started);
  await new Promise((r) => setTimeout(r, 300)); // warm up
  measuring = true;
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, secs * 1000));
  measuring = false;
  const seconds = (performance.now() - t0) / 1000;
  console.log(JSON.stringify({ answered, seconds, perSecond: answered / seconds }));
  for (const c of conns) {
    try {
      c.close();
    } catch { /* closed */ }
  }
  await Promise.allSettled(readers);
} else {
  console.error(`unknown mode ${mode}`);
  Deno.exit(2);
}
