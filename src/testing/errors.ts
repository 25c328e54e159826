/**
 * Errors raised by the Open vSwitch fixture.
 *
 * @module
 */

/** The Debian package that ships each Open vSwitch binary the fixture runs. */
const PACKAGE_OF: Record<string, string> = {
  "ovs-vswitchd": "openvswitch-switch",
  "ovsdb-server": "openvswitch-switch",
  "ovs-vsctl": "openvswitch-switch",
  "ovsdb-tool": "openvswitch-switch",
  "ovs-appctl": "openvswitch-common",
  "ovs-ofctl": "openvswitch-common",
  "openssl": "openssl",
};

/**
 * An Open vSwitch binary the fixture needs is not installed. The message names the package
 * and the command that installs it.
 */
export class OvsNotFoundError extends Error {
  /** The missing executable, e.g. `ovs-vswitchd`. */
  readonly binary: string;
  /** The Debian package that provides it. */
  readonly package: string;

  /**
   * Creates the error.
   *
   * @param binary The missing executable.
   */
  constructor(binary: string) {
    const pkg = PACKAGE_OF[binary] ?? "openvswitch-switch";
    super(
      `Cannot find ${binary}: install the ${pkg} package ` +
        `(apt-get install -y --no-install-recommends ${pkg})`,
    );
    this.name = "OvsNotFoundError";
    this.binary = binary;
    this.package = pkg;
  }
}

/** An Open vSwitch tool exited with a non-zero status. */
export class OvsCommandError extends Error {
  /** The executable that failed. */
  readonly binary: string;
  /** Its arguments. */
  readonly args: string[];
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
   */
  constructor(binary: string, args: string[], code: number, stderr: string) {
    super(`${binary} ${args.join(" ")} exited with code ${code}: ${stderr.trim()}`);
    this.name = "OvsCommandError";
    this.binary = binary;
    this.args = args;
    this.code = code;
    this.stderr = stderr;
  }
}

/** Open vSwitch accepted a configuration but could not apply it (a port or bridge failed). */
export class OvsConfigError extends Error {
  /**
   * Creates the error.
   *
   * @param message What failed, with Open vSwitch's own words.
   */
  constructor(message: string) {
    super(message);
    this.name = "OvsConfigError";
  }
}
