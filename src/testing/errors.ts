/**
 * Errors raised by the Open vSwitch fixture and the test PKI.
 *
 * @module
 */

/**
 * The Debian package to install for each binary the fixture runs. Every Open vSwitch tool
 * maps to `openvswitch-switch`: some live in `openvswitch-common`, which it depends on, and
 * the fixture needs both.
 */
const PACKAGE_OF: Record<string, string> = {
  "ovs-vswitchd": "openvswitch-switch",
  "ovsdb-server": "openvswitch-switch",
  "ovs-vsctl": "openvswitch-switch",
  "ovsdb-tool": "openvswitch-switch",
  "ovs-appctl": "openvswitch-switch",
  "ovs-ofctl": "openvswitch-switch",
  "openssl": "openssl",
};

/**
 * A binary the fixture needs is not installed. The message names the binary, the Debian
 * package to install and the command that installs it, and ends with that command in
 * parentheses.
 *
 * @example
 * ```ts
 * import { OvsNotFoundError } from "@oftest/oftest/testing";
 * import assert from "node:assert/strict";
 *
 * const e = new OvsNotFoundError("ovs-vswitchd");
 * assert.equal(e.package, "openvswitch-switch");
 * assert.equal(e.installCommand, "apt-get install -y --no-install-recommends openvswitch-switch");
 * ```
 */
export class OvsNotFoundError extends Error {
  /** The missing executable, e.g. `ovs-vswitchd`. */
  readonly binary: string;
  /** The Debian package to install, e.g. `openvswitch-switch`. */
  readonly package: string;
  /** The command that installs it. */
  readonly installCommand: string;
  /** Where the binary was looked for (PATH syntax), when known. */
  readonly searchPath: string | undefined;

  /**
   * Creates the error.
   *
   * @param binary The missing executable.
   * @param options `searchPath`: the directories searched; `cause`: an underlying error.
   */
  constructor(binary: string, options: { searchPath?: string; cause?: unknown } = {}) {
    const pkg = PACKAGE_OF[binary] ?? "openvswitch-switch";
    const installCommand = `apt-get install -y --no-install-recommends ${pkg}`;
    super(
      `Cannot find ${binary}${options.searchPath ? ` in ${options.searchPath}` : ""}: ` +
        `install the ${pkg} package (${installCommand})`,
      { cause: options.cause },
    );
    this.name = "OvsNotFoundError";
    this.binary = binary;
    this.package = pkg;
    this.installCommand = installCommand;
    this.searchPath = options.searchPath;
  }
}

/** An Open vSwitch tool (or `openssl`) exited with a non-zero status. */
export class OvsCommandError extends Error {
  /** The executable that failed. */
  readonly binary: string;
  /** Its arguments. */
  readonly args: readonly string[];
  /** Its exit code. */
  readonly code: number;
  /** What it wrote to stderr. */
  readonly stderr: string;

  /**
   * Creates the error.
   *
   * @param binary The executable.
   * @param args Its arguments.
   * @param code Its exit code.
   * @param stderr Its standard error output.
   * @param options `cause`: an underlying error.
   */
  constructor(
    binary: string,
    args: readonly string[],
    code: number,
    stderr: string,
    options: { cause?: unknown } = {},
  ) {
    super(`${binary} ${args.join(" ")} exited with code ${code}: ${stderr.trim()}`, options);
    this.name = "OvsCommandError";
    this.binary = binary;
    this.args = args;
    this.code = code;
    this.stderr = stderr;
  }
}

/**
 * Open vSwitch accepted a configuration but could not apply it: `ovs-vsctl` exits 0 even
 * when an interface could not be created, so the fixture reads the interfaces' `error`
 * column and `ovs-ofctl show` and throws this.
 */
export class OvsConfigError extends Error {
  /** The bridge being set up. */
  readonly bridge: string;
  /** Interfaces Open vSwitch reported errors for, with its own words. */
  readonly interfaces: Readonly<Record<string, string>>;
  /** Data ports (OpenFlow numbers) that did not appear on the bridge in time. */
  readonly missingPorts: readonly number[];

  /**
   * Creates the error.
   *
   * @param message What failed.
   * @param details The bridge, the failing interfaces, the missing ports; `cause`.
   */
  constructor(
    message: string,
    details: {
      bridge: string;
      interfaces?: Record<string, string>;
      missingPorts?: readonly number[];
      cause?: unknown;
    },
  ) {
    super(message, { cause: details.cause });
    this.name = "OvsConfigError";
    this.bridge = details.bridge;
    this.interfaces = details.interfaces ?? {};
    this.missingPorts = details.missingPorts ?? [];
  }
}
