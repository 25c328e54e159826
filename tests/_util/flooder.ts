// A packet-in flooder, run as a separate process by the flood tests: an OpenFlow 1.3 "switch"
// that completes the handshake, answers ECHO_REQUEST and BARRIER_REQUEST, and on "go" (a line
// on stdin) sends PACKET_INs as fast as the socket takes them until it has sent at least
// COUNT and flooded for at least MIN_MS. It does nothing else: not a switch.
//
//   deno run --allow-net tests/_util/flooder.ts HOST PORT COUNT MIN_MS DPID
//
// stdout, one JSON line each: {"ready":true} once FEATURES_REPLY is written, then
// {"sent":N,"ms":T} when the flood is over. It exits when the Controller closes the
// connection or stdin closes.
import { featuresReply, frame, hello, packetIn13 } from "../controller/_frames.ts";

const [hostname, portText, countText, minMsText, dpidText] = Deno.args;
const count = Number(countText);
const minMs = Number(minMsText);
const conn = await Deno.connect({ hostname, port: Number(portText) });
conn.setNoDelay(true);

let writing = Promise.resolve();
/** Writes `bytes` after every earlier write (replies and flood chunks never interleave). */
function write(bytes: Uint8Array): Promise<void> {
  writing = writing.then(async () => {
    for (let at = 0; at < bytes.length;) at += await conn.write(bytes.subarray(at));
  });
  return writing;
}

const say = (line: unknown) => console.log(JSON.stringify(line));

async function answer(): Promise<void> {
  const buf = new Uint8Array(64 * 1024);
  let have = 0;
  for (;;) {
    const n = await conn.read(buf.subarray(have));
    if (n === null) return;
    have += n;
    const view = new DataView(buf.buffer);
    let at = 0;
    while (have - at >= 8 && have - at >= view.getUint16(at + 2)) {
      const type = buf[at + 1], len = view.getUint16(at + 2), xid = view.getUint32(at + 4);
      if (len < 8) return;
      if (type === 5) {
        await write(featuresReply(4, xid, BigInt(dpidText)));
        say({ ready: true });
      } else if (type === 2) {
        await write(frame(4, 3, xid, buf.subarray(at + 8, at + len)));
      } else if (type === 20) {
        await write(frame(4, 21, xid));
      }
      at += len;
    }
    buf.copyWithin(0, at, have);
    have -= at;
  }
}

async function flood(): Promise<void> {
  const batch = 600; // about 64 KB per write
  const chunk = new Uint8Array(106 * batch);
  for (let i = 0; i < batch; i++) chunk.set(packetIn13(i), i * 106);
  const t0 = performance.now();
  let sent = 0;
  while (sent < count || performance.now() - t0 < minMs) {
    await write(chunk);
    sent += batch;
  }
  say({ sent, ms: Math.round(performance.now() - t0) });
}

async function waitForGo(): Promise<boolean> {
  const reader = Deno.stdin.readable.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return false;
      if (new TextDecoder().decode(value).includes("go")) return true;
    }
  } finally {
    reader.releaseLock();
  }
}

await write(hello(4, 1, [1, 4]));
const answering = answer().catch(() => {});
if (await waitForGo()) await flood().catch(() => {});
await answering;
try {
  conn.close();
} catch { /* already closed */ }
