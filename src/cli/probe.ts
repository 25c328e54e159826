/**
 * `probe`: connects to a switch (or starts a local Open vSwitch), negotiates, and prints a
 * readable report — version, datapath id, ports, tables, flows, meters and groups where
 * supported, and the echo round trip. The project's main command:
 *
 * ```sh
 * npx -y deno@2.9.6 task probe                      # a local Open vSwitch (or the embedded switch)
 * npx -y deno@2.9.6 task probe --listen 6653        # wait for a switch to dial us
 * npx -y deno@2.9.6 task probe --connect 10.0.0.5:6653 --json
 * ```
 *
 * @module
 */
import { parseArgs } from "node:util";
import { Controller } from "../controller/controller.ts";
import type { SwitchConnection } from "../controller/switch_connection.ts";
import type { TlsOptions } from "../controller/transport.ts";
import type { OfpMessage } from "../ofp/codec.ts";
import { OvsSwitch } from "../testing/ovs.ts";
import { OvsNotFoundError } from "../testing/errors.ts";
import { ReferenceSwitch } from "../switch/mod.ts";
import { collectReport, formatReport, type ProbeReport } from "./probe_report.ts";

const HELP = `Usage: deno task probe [options]

Connects to an OpenFlow switch and prints what it is and what it holds.

Where the switch is (default: a local Open vSwitch if installed, else the embedded switch):
  --listen [HOST:]PORT   wait for a switch to connect (e.g. ovs-vsctl set-controller br0 tcp:HOST:PORT)
  --connect HOST:PORT    dial a switch that listens (e.g. ovs-vsctl set-controller br0 ptcp:PORT)
  --target ovs|embedded  start a local Open vSwitch, or the embedded reference switch
TLS (mutual authentication):
  --tls-cert FILE --tls-key FILE --tls-ca FILE
Options:
  --versions LIST        OpenFlow versions to offer, e.g. 1,4 (default 1,4)
  --timeout SECONDS      how long to wait for the switch (default 30)
  --echo N               echo round trips to time (default 1000)
  --json                 print the report as JSON
  -h, --help             this text
`;

/** Exit codes: 1 when the switch could not be probed, 2 for usage and set-up problems. */
const EXIT_PROBE_FAILED = 1;
const EXIT_USAGE = 2;

/** Prints the problem and returns the exit code to end with. */
function fail(message: string, code: number = EXIT_USAGE): number {
  console.error(`probe: ${message}`);
  return code;
}

function parseHostPort(
  text: string,
  defaultHost: string,
): { hostname: string; port: number } | undefined {
  const m = /^(?:\[?([^\]]+?)\]?:)?(\d{1,5})$/.exec(text);
  if (!m) return undefined;
  const port = Number(m[2]);
  if (port > 65535) return undefined;
  return { hostname: m[1] ?? defaultHost, port };
}

/** Progress on stderr while waiting: a live line on a terminal, a line every 5 s otherwise. */
function startProgress(what: string): () => void {
  const started = Date.now();
  const tty = Deno.stderr.isTerminal();
  const enc = new TextEncoder();
  const tick = () => {
    const s = Math.round((Date.now() - started) / 1000);
    if (tty) Deno.stderr.writeSync(enc.encode(`\r${what} ... ${s}s `));
    else if (s % 5 === 0) console.error(`${what} ... ${s}s`);
  };
  tick();
  const timer = setInterval(tick, 1000);
  return () => {
    clearInterval(timer);
    if (tty) Deno.stderr.writeSync(enc.encode("\r\x1b[K"));
  };
}

/**
 * Runs the probe with command-line arguments.
 *
 * @param args The arguments, without the program name.
 * @returns The process exit code: 0 on success, 1 if the switch could not be probed, 2 on usage errors.
 */
export async function main(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        listen: { type: "string" },
        connect: { type: "string" },
        target: { type: "string" },
        "tls-cert": { type: "string" },
        "tls-key": { type: "string" },
        "tls-ca": { type: "string" },
        versions: { type: "string", default: "1,4" },
        timeout: { type: "string", default: "30" },
        echo: { type: "string", default: "1000" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
    }));
  } catch (e) {
    return fail(`${(e as Error).message}\n\n${HELP}`);
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const versions = values.versions.split(",").map((v) => Number(v.trim()));
  if (versions.some((v) => v !== 1 && v !== 4)) {
    return fail(`--versions takes 1 and/or 4, got ${values.versions}`);
  }
  const timeoutMs = Number(values.timeout) * 1000;
  const echoCount = Number(values.echo);
  if (!(timeoutMs > 0)) return fail(`--timeout must be a positive number of seconds`);
  if (!Number.isInteger(echoCount) || echoCount < 0) {
    return fail(`--echo must be a whole number`);
  }
  if (values.listen && values.connect) return fail("give --listen or --connect, not both");

  let tls: TlsOptions | undefined;
  const tlsFiles = [values["tls-cert"], values["tls-key"], values["tls-ca"]];
  if (tlsFiles.some(Boolean)) {
    if (!tlsFiles.every(Boolean)) {
      return fail("TLS needs all of --tls-cert, --tls-key and --tls-ca");
    }
    try {
      tls = {
        cert: await Deno.readTextFile(values["tls-cert"]!),
        key: await Deno.readTextFile(values["tls-key"]!),
        ca: await Deno.readTextFile(values["tls-ca"]!),
      };
    } catch (e) {
      return fail(`cannot read TLS files: ${(e as Error).message}`);
    }
  }

  const options = { versions, tls };
  let controller: Controller;
  let ovs: OvsSwitch | undefined;
  let embedded: ReferenceSwitch | undefined;
  let where: string;
  if (values.connect) {
    const address = parseHostPort(values.connect, "127.0.0.1");
    if (!address) return fail(`--connect takes HOST:PORT, got ${values.connect}`);
    controller = new Controller({
      ...options,
      switch: address,
      retry: { initialDelay: 100, maxDelay: 2000 },
    });
    where = `dialing ${values.connect}`;
  } else if (values.listen) {
    const address = parseHostPort(values.listen, "0.0.0.0");
    if (!address) return fail(`--listen takes [HOST:]PORT, got ${values.listen}`);
    controller = new Controller({ ...options, listen: address });
    const [bound] = await controller.listening;
    where = `waiting for a switch on ${bound.hostname}:${bound.port}`;
  } else {
    controller = new Controller({ ...options, listen: { hostname: "127.0.0.1", port: 0 } });
    const [bound] = await controller.listening;
    const dial = `tcp:127.0.0.1:${bound.port}`;
    const kind = values.target ?? (OvsSwitch.isInstalled() ? "ovs" : "embedded");
    if (kind !== "ovs" && kind !== "embedded") {
      await controller.close();
      return fail(`--target takes ovs or embedded, got ${values.target}`);
    }
    try {
      if (kind === "ovs") {
        console.error("probe: no switch given; starting a local Open vSwitch (dummy datapath)");
        ovs = await OvsSwitch.start({ bridges: [{ ports: 4, controller: dial }] });
        where = `waiting for the local Open vSwitch (${ovs.dir})`;
      } else {
        console.error(
          values.target
            ? "probe: starting the embedded reference switch"
            : "probe: no switch given and Open vSwitch is not installed; starting the embedded reference switch",
        );
        embedded = await ReferenceSwitch.start({ ports: 4, versions, controller: dial });
        where = "waiting for the embedded reference switch";
      }
    } catch (e) {
      await controller.close();
      if (e instanceof OvsNotFoundError) {
        return fail(
          `Open vSwitch is not installed: ${e.message.replace(/^.*\(/, "").replace(/\)$/, "")}` +
            `\n  or run --target embedded, --listen 6653 or --connect HOST:PORT`,
        );
      }
      return fail(`could not start the ${kind} switch: ${(e as Error).message}`);
    }
  }

  try {
    const stop = startProgress(`probe: ${where}`);
    let conn: SwitchConnection;
    try {
      conn = await controller.connect({ timeout: timeoutMs });
    } catch (e) {
      stop();
      return fail(
        `no switch connected within ${values.timeout}s (${(e as Error).message}).\n` +
          `  Check the switch's controller setting and that nothing blocks the port; --timeout to wait longer.`,
        EXIT_PROBE_FAILED,
      );
    }
    stop();
    const stopCollect = startProgress(
      `probe: reading datapath ${conn.datapathId?.toString(16) ?? "?"}`,
    );
    let report: ProbeReport;
    try {
      report = await collectReport(conn, { echoCount });
    } finally {
      stopCollect();
    }
    console.log(values.json ? JSON.stringify(report, jsonBigint, 2) : formatReport(report));
    return 0;
  } catch (e) {
    return fail(`probing failed: ${(e as Error).message}`, EXIT_PROBE_FAILED);
  } finally {
    await controller.close();
    await ovs?.close();
    await embedded?.close();
  }
}

function jsonBigint(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? `0x${value.toString(16).padStart(16, "0")}` : value;
}

/** Narrows a decoded message to a type name. @internal */
export function isType<T extends OfpMessage["type"]>(
  msg: OfpMessage | undefined,
  type: T,
): msg is Extract<OfpMessage, { type: T }> {
  return msg?.type === type;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
