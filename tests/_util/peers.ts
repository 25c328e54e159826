// Tests that need something outside the repo (the shared corpus, ovs-ofctl, a real Open
// vSwitch, tshark) are declared through `peerTest`: where the peer is missing they are
// reported as ignored by name, unless OFTEST_REQUIRE_PEERS=1 (CI), where they fail instead.

/** True when CI demands every peer: missing → fail, not skip. */
export const PEERS_REQUIRED: boolean = Deno.env.get("OFTEST_REQUIRE_PEERS") === "1";

/** `../shared/corpus` beside the checkout. */
export const CORPUS_DIR: string = new URL("../../../shared/corpus/", import.meta.url).pathname;

/** `../shared/ryu-switch-tests` beside the checkout. */
export const RYU_TESTS_DIR: string =
  new URL("../../../shared/ryu-switch-tests/", import.meta.url).pathname;

/** Debian's python, which has Debian's modules (scapy); the first python3 on PATH may not. */
export const DEBIAN_PYTHON = "/usr/bin/python3";

/** Something a test can need from outside the repo. */
export type Peer =
  | "corpus"
  | "ryu-switch-tests"
  | "scapy"
  | "ovs-ofctl"
  | "ovs"
  | "tshark"
  | "ovs-testcontroller"
  | "openssl"
  | "chromium";

const BINARIES: Record<Exclude<Peer, "corpus" | "ryu-switch-tests" | "scapy">, string[]> = {
  "ovs-ofctl": ["ovs-ofctl"],
  "ovs": ["ovs-vswitchd", "ovsdb-server", "ovs-vsctl", "ovs-appctl", "ovsdb-tool", "ovs-ofctl"],
  "tshark": ["tshark"],
  "ovs-testcontroller": ["ovs-testcontroller"],
  "openssl": ["openssl"],
  "chromium": ["chromium"],
};

/** Finds an executable on PATH (or the sbin directories Debian installs OVS daemons to). */
export function which(name: string): string | undefined {
  const dirs = (Deno.env.get("PATH") ?? "").split(":").concat(["/usr/sbin", "/sbin"]);
  for (const dir of dirs) {
    if (!dir) continue;
    try {
      const path = `${dir}/${name}`;
      if (Deno.statSync(path).isFile) return path;
    } catch { /* not here */ }
  }
  return undefined;
}

/** Whether a peer is present on this machine. */
export function hasPeer(peer: Peer): boolean {
  if (peer === "corpus" || peer === "ryu-switch-tests") {
    try {
      return Deno.statSync(peer === "corpus" ? `${CORPUS_DIR}ryu/of13` : `${RYU_TESTS_DIR}of13`)
        .isDirectory;
    } catch {
      return false;
    }
  }
  if (peer === "scapy") {
    try {
      return Deno.statSync("/usr/lib/python3/dist-packages/scapy").isDirectory &&
        Deno.statSync(DEBIAN_PYTHON).isFile;
    } catch {
      return false;
    }
  }
  return BINARIES[peer].every((b) => which(b) !== undefined);
}

/**
 * Registers a test that needs `peers`. Missing peers → ignored (by name), or, when
 * OFTEST_REQUIRE_PEERS=1, a failing test that names what is missing.
 */
export function peerTest(
  name: string,
  peers: Peer[],
  fn: (t: Deno.TestContext) => void | Promise<void>,
  options: Omit<Deno.TestDefinition, "name" | "fn" | "ignore"> = {},
): void {
  const missing = peers.filter((p) => !hasPeer(p));
  if (missing.length === 0) {
    Deno.test({ ...options, name, fn });
  } else if (PEERS_REQUIRED) {
    Deno.test(name, () => {
      throw new Error(`Required peer missing: ${missing.join(", ")} (OFTEST_REQUIRE_PEERS=1)`);
    });
  } else {
    Deno.test({ name: `${name} (needs ${missing.join(", ")})`, ignore: true, fn });
  }
}
