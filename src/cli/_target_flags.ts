// The command-line flags that select a target, shared by the suite runner and the Ryu runner:
// --target, --listen, --connect, --port-map, --tls-cert/--tls-key/--tls-ca.
import { parsePortMap, parseTarget, type TargetSpec } from "../testing/target.ts";

/** The flags' `parseArgs` option definitions. */
export const TARGET_OPTIONS = {
  target: { type: "string" },
  listen: { type: "string" },
  connect: { type: "string" },
  "port-map": { type: "string" },
  "tls-cert": { type: "string" },
  "tls-key": { type: "string" },
  "tls-ca": { type: "string" },
} as const;

/** Help text for the flags. */
export const TARGET_HELP =
  `Target (default: $OFTEST_TARGET, else a local Open vSwitch if installed, else the embedded switch):
  --target KIND          ovs | ovs+tester | embedded | listen:[HOST:]PORT | connect:HOST:PORT
  --listen [HOST:]PORT   the same as --target listen:[HOST:]PORT
  --connect HOST:PORT    the same as --target connect:HOST:PORT
  --port-map FILE        data ports and tester switch of a switch of your own (JSON, docs/framework.md)
  --tls-cert FILE --tls-key FILE --tls-ca FILE   mutual TLS (PEM files)`;

/** The flags' values as `parseArgs` returns them. */
export type TargetFlagValues = { [K in keyof typeof TARGET_OPTIONS]?: string };

/**
 * The target the flags name, or undefined when none is given.
 *
 * @throws {TypeError} On contradicting flags, an unreadable file or a malformed value.
 */
export function targetFromFlags(values: TargetFlagValues): TargetSpec | undefined {
  const targets = [
    values.target,
    values.listen && `listen:${values.listen}`,
    values.connect && `connect:${values.connect}`,
  ].filter(Boolean) as string[];
  if (targets.length > 1) throw new TypeError("Give one of --target, --listen, --connect");
  const read = (flag: string, path: string | undefined) => {
    if (path === undefined) return undefined;
    try {
      return Deno.readTextFileSync(path);
    } catch (e) {
      throw new TypeError(`Cannot read --${flag} ${path}: ${e instanceof Error ? e.message : e}`);
    }
  };
  const mapText = read("port-map", values["port-map"]);
  const portMap = mapText === undefined ? undefined : parsePortMap(mapText, values["port-map"]);
  const [cert, key, ca] = [
    read("tls-cert", values["tls-cert"]),
    read("tls-key", values["tls-key"]),
    read("tls-ca", values["tls-ca"]),
  ];
  if ((cert || key || ca) && !(cert && key && ca)) {
    throw new TypeError("TLS needs all of --tls-cert, --tls-key and --tls-ca");
  }
  const tls = cert ? { cert, key: key!, ca: ca!, verifyHostname: false } : undefined;
  return targets.length ? parseTarget(targets[0], portMap, tls) : undefined;
}
