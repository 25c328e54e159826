/**
 * `switch`: runs the reference switch as its own process, dialing or accepting controllers.
 * Its data ports can be reached as unix stream sockets carrying each frame as a 2-byte
 * big-endian length and the frame, as Open vSwitch's dummy ports (`options:pstream`) do.
 *
 * ```sh
 * npx -y deno@2.9.6 task switch --connect 127.0.0.1:6653 --ports 4
 * npx -y deno@2.9.6 task switch --listen 6653 --port-sockets /tmp/sw
 * ```
 *
 * @module
 */
import { parseArgs } from "node:util";
import { configure, getConsoleSink } from "@logtape/logtape";
import { ReferenceSwitch } from "./reference_switch.ts";

const HELP = `Usage: deno task switch [options]

Runs the reference OpenFlow switch until interrupted.

Controllers (at least one of):
  --connect TARGET       dial a controller: HOST:PORT, tcp:HOST:PORT or ssl:HOST:PORT (repeatable)
  --listen TARGET        accept controllers: PORT, ptcp:PORT[:HOST] or pssl:PORT[:HOST]
TLS (mutual authentication; needed by ssl: and pssl:):
  --tls-cert FILE --tls-key FILE --tls-ca FILE
Switch:
  --ports N|LIST         data ports: a count or numbers, e.g. 4 or 1,2,7 (default 4)
  --dpid ID              datapath id, decimal or 0x hex (default 1)
  --versions LIST        OpenFlow versions to offer, e.g. 1,4 (default 1,4)
  --tables N             flow tables (default 254)
  --buffers N            packet buffers (default 256)
  --port-sockets DIR     expose port N as the unix socket DIR/pN.sock (2-byte length framing)
  -v, --verbose          log every connection event and refused request
  -h, --help             this text
`;

const EXIT_USAGE = 2;

function fail(message: string): number {
  console.error(`switch: ${message}`);
  return EXIT_USAGE;
}

/** Serves one port's unix socket: frames in go to the switch, frames out to the client. */
function servePortSocket(
  path: string,
  port: number,
  send: (port: number, frame: Uint8Array) => Promise<void>,
  clients: Map<number, Deno.UnixConn>,
): Deno.Listener {
  const listener = Deno.listen({ transport: "unix", path });
  (async () => {
    try {
      for await (const conn of listener) {
        clients.get(port)?.close();
        clients.set(port, conn as Deno.UnixConn);
        void readFrames(conn as Deno.UnixConn, (frame) => send(port, frame)).finally(() => {
          if (clients.get(port) === conn) clients.delete(port);
        });
      }
    } catch { /* listener closed */ }
  })();
  return listener;
}

async function readFrames(
  conn: Deno.UnixConn,
  deliver: (f: Uint8Array) => Promise<void>,
): Promise<void> {
  let pending = new Uint8Array(0);
  const buf = new Uint8Array(65536);
  try {
    for (;;) {
      const n = await conn.read(buf);
      if (n === null) return;
      const all = new Uint8Array(pending.length + n);
      all.set(pending);
      all.set(buf.subarray(0, n), pending.length);
      let at = 0;
      while (all.length - at >= 2) {
        const len = (all[at] << 8) | all[at + 1];
        if (all.length - at - 2 < len) break;
        await deliver(all.slice(at + 2, at + 2 + len));
        at += 2 + len;
      }
      pending = all.slice(at);
    }
  } catch { /* the client went away */ }
}

function writeFramed(conn: Deno.UnixConn, frame: Uint8Array): void {
  const out = new Uint8Array(frame.length + 2);
  out[0] = frame.length >> 8;
  out[1] = frame.length & 0xff;
  out.set(frame, 2);
  conn.write(out).catch(() => {});
}

async function main(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        connect: { type: "string", multiple: true },
        listen: { type: "string" },
        "tls-cert": { type: "string" },
        "tls-key": { type: "string" },
        "tls-ca": { type: "string" },
        ports: { type: "string", default: "4" },
        dpid: { type: "string", default: "1" },
        versions: { type: "string", default: "1,4" },
        tables: { type: "string" },
        buffers: { type: "string" },
        "port-sockets": { type: "string" },
        verbose: { type: "boolean", short: "v", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (e) {
    return fail(`${(e as Error).message}\n\n${HELP}`);
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (!values.connect?.length && values.listen === undefined) {
    return fail(`give --connect or --listen\n\n${HELP}`);
  }
  let tls;
  if (values["tls-cert"] || values["tls-key"] || values["tls-ca"]) {
    if (!values["tls-cert"] || !values["tls-key"] || !values["tls-ca"]) {
      return fail("TLS needs all three of --tls-cert, --tls-key and --tls-ca");
    }
    tls = {
      cert: await Deno.readTextFile(values["tls-cert"]),
      key: await Deno.readTextFile(values["tls-key"]),
      ca: await Deno.readTextFile(values["tls-ca"]),
    };
  }
  const portList = values.ports.includes(",")
    ? values.ports.split(",").map(Number)
    : Number(values.ports);
  let datapathId: bigint;
  try {
    datapathId = BigInt(values.dpid);
  } catch {
    return fail(`--dpid must be a number, got ${values.dpid}`);
  }
  const withScheme = (t: string) => (/^(tcp|ssl):/.test(t) ? t : `tcp:${t}`);
  await configure({
    sinks: { console: getConsoleSink() },
    loggers: [
      {
        category: ["oftest", "switch"],
        lowestLevel: values.verbose ? "debug" : "info",
        sinks: ["console"],
      },
      { category: ["logtape", "meta"], lowestLevel: "warning", sinks: ["console"] },
    ],
  });
  let sw: ReferenceSwitch;
  try {
    sw = await ReferenceSwitch.start({
      datapathId,
      ports: portList,
      versions: values.versions.split(",").map(Number),
      controller: values.connect?.map(withScheme),
      listen: values.listen === undefined
        ? undefined
        : /^p(tcp|ssl):/.test(values.listen)
        ? values.listen
        : `ptcp:${values.listen}`,
      tls,
      tables: values.tables === undefined ? undefined : Number(values.tables),
      buffers: values.buffers === undefined ? undefined : Number(values.buffers),
    });
  } catch (e) {
    return fail((e as Error).message);
  }
  const listeners: Deno.Listener[] = [];
  const clients = new Map<number, Deno.UnixConn>();
  const link = sw.frameLink();
  await link.open((port, frame) => {
    const c = clients.get(port);
    if (c) writeFramed(c, frame);
  });
  if (values["port-sockets"]) {
    await Deno.mkdir(values["port-sockets"], { recursive: true });
    for (const p of sw.ports) {
      const path = `${values["port-sockets"]}/p${p}.sock`;
      await Deno.remove(path).catch(() => {});
      listeners.push(servePortSocket(path, p, (port, f) => link.send(port, f), clients));
    }
  }
  console.log(
    `switch: datapath 0x${sw.datapathId.toString(16).padStart(16, "0")}, ports ${
      sw.ports.join(",")
    }, ` +
      `OpenFlow ${sw.versions.map((v) => (v === 1 ? "1.0" : "1.3")).join(" and ")}` +
      (values.connect?.length ? `, dialing ${values.connect.join(" ")}` : "") +
      (sw.addresses.length
        ? `, listening on ${sw.addresses.map((a) => `${a.hostname}:${a.port}`).join(" ")}`
        : "") +
      (values["port-sockets"] ? `, port sockets in ${values["port-sockets"]}` : ""),
  );
  const { promise: stop, resolve } = Promise.withResolvers<void>();
  const onSignal = () => resolve();
  Deno.addSignalListener("SIGINT", onSignal);
  Deno.addSignalListener("SIGTERM", onSignal);
  await stop;
  Deno.removeSignalListener("SIGINT", onSignal);
  Deno.removeSignalListener("SIGTERM", onSignal);
  console.log("switch: stopping");
  for (const l of listeners) l.close();
  for (const c of clients.values()) c.close();
  await link.close();
  await sw.close();
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
