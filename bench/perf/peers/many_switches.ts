// Many fake switches in one process, for the 10,000-switch scenario (bench/perf/scale.ts).
// Not switches: each connection says HELLO (OpenFlow 1.3), answers FEATURES_REQUEST with its
// datapath id, ECHO_REQUEST and BARRIER_REQUEST, and otherwise idles.
//   many_switches.ts HOST PORT N
// Connects switch 1 and prints {"first":true} once it has answered FEATURES_REQUEST; on a
// "go" line on stdin connects the other N - 1 (at most IN_FLIGHT handshakes at a time) and
// prints {"all":N,"ms":T} once every one has answered. Exits when stdin closes.
import { featuresReply, hello, writeAll } from "../_frames.ts";

const [hostname, portText, countText] = Deno.args;
const port = Number(portText);
const count = Number(countText);
/** Handshakes in flight at once: keeps the listener's backlog from overflowing. */
const IN_FLIGHT = 200;
const conns: Deno.Conn[] = [];
const say = (line: unknown) => console.log(JSON.stringify(line));

/** One fake switch: resolves once it has answered FEATURES_REQUEST. */
async function fakeSwitch(dpid: number): Promise<void> {
  const conn = await Deno.connect({ hostname, port });
  conn.setNoDelay(true);
  conns.push(conn);
  await writeAll(conn, hello(4, [4]));
  const { promise, resolve, reject } = Promise.withResolvers<void>();
  (async () => {
    // Small and reused: 10,000 of these wait on a read at once.
    const buf = new Uint8Array(512);
    let have = 0;
    for (;;) {
      let n: number | null;
      try {
        n = await conn.read(buf.subarray(have));
      } catch {
        n = null;
      }
      if (n === null) return reject(new Error(`switch ${dpid}: closed by the controller`));
      have += n;
      let at = 0;
      while (have - at >= 8) {
        const len = (buf[at + 2] << 8) | buf[at + 3];
        if (len < 8 || len > buf.length) throw new Error(`switch ${dpid}: frame of ${len} bytes`);
        if (have - at < len) break;
        const type = buf[at + 1];
        const xid = new DataView(buf.buffer, at + 4, 4).getUint32(0);
        if (type === 5) {
          await writeAll(conn, featuresReply(4, xid, BigInt(dpid)));
          resolve();
        } else if (type === 2 || type === 20) {
          const reply = buf.slice(at, at + len);
          reply[1] = type === 2 ? 3 : 21;
          await writeAll(conn, reply);
        }
        at += len;
      }
      buf.copyWithin(0, at, have);
      have -= at;
    }
  })().catch(reject);
  return promise;
}

const stdin = Deno.stdin.readable.pipeThrough(new TextDecoderStream()).getReader();
async function nextCommand(): Promise<string | undefined> {
  const { value, done } = await stdin.read();
  return done ? undefined : value.trim();
}

await fakeSwitch(1);
say({ first: true });
if ((await nextCommand()) === "go") {
  const t0 = performance.now();
  let next = 2;
  const worker = async () => {
    while (next <= count) await fakeSwitch(next++);
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  say({ all: count, ms: performance.now() - t0 });
  await nextCommand(); // until stdin closes
}
for (const c of conns) {
  try {
    c.close();
  } catch { /* closed */ }
}
Deno.exit(0);
