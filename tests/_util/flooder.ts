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
import { FrameParser } from "../../src/ofp/mod.ts";
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
  const parser = new FrameParser();
  const buf = new Uint8Array(64 * 1024);
  for (;;) {
    const n = await conn.read(buf);
    if (n === null) return;
    for (const f of parser.push(buf.subarray(0, n))) {
      const xid = new DataView(f.buffer, f.byteOffset, 8).getUint32(4);
      if (f[1] === 5) {
        await write(featuresReply(4, xid, BigInt(dpidText)));
        say({ ready: true });
      } else if (f[1] === 2) {
        await write(frame(4, 3, xid, f.subarray(8)));
      } else if (f[1] === 20) {
        await write(frame(4, 21, xid));
      }
    }
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
