// The handshake: version negotiation, as a pure function of our versions and the switch's
// HELLO (OpenFlow 1.3.1 section 6.3.1: with bitmaps on both sides, the highest version in
// both; without the switch's bitmap, the smaller of its header version and our highest, if
// we support it), and the steps around it (HELLO both ways, FEATURES, the deadline).
import type { OfpMessage } from "../ofp/codec.ts";
import { type HelloMessage, helloVersions, versionBitmap } from "../ofp/hello.ts";
import { OFPET, OFPHFC } from "../ofp/v13/constants.ts";
import { COMMON_TYPES, type VersionFacts, versionFacts } from "../ofp/_versions.ts";
import { type Deadline, deadlines } from "./_deadlines.ts";
import { HandshakeError, type HandshakeErrorOptions } from "./errors.ts";
import type { ConnectionSettings } from "./_settings.ts";
import type { Outgoing } from "./_outgoing.ts";
import { Next, type Reply } from "./_transactions.ts";

/** The outcome of negotiation. */
export type Negotiation =
  | {
    /** A version both sides speak. */
    readonly ok: true;
    /** The negotiated version. */
    readonly version: number;
    /** What the switch offered: its bitmap, or its header version. */
    readonly theirs: readonly number[];
  }
  | {
    /** No version in common. */
    readonly ok: false;
    /** What the switch offered: its bitmap, or its header version. */
    readonly theirs: readonly number[];
    /** The HELLO_FAILED/INCOMPATIBLE error to send before closing (it names both sides). */
    readonly reply: OfpMessage;
  };

/** "1.0", "1.3", or "0x05" for versions without a name here. */
function versionName(v: number): string {
  if (v >= 1 && v <= 6) return `1.${v - 1}`;
  return `0x${v.toString(16).padStart(2, "0")}`;
}

/**
 * Negotiates the version with a switch's HELLO.
 *
 * @param ours Our versions, ascending (1 and/or 4).
 * @param hello The switch's HELLO.
 * @returns The version, or the error reply to send when there is none in common.
 */
export function negotiate(ours: readonly number[], hello: HelloMessage): Negotiation {
  const advertised = helloVersions(hello);
  let version: number | undefined;
  let theirs: number[];
  if (advertised) {
    theirs = advertised;
    for (const v of ours) if (advertised.includes(v)) version = v;
  } else {
    theirs = [hello.version];
    const v = Math.min(hello.version, ours[ours.length - 1]);
    if (ours.includes(v)) version = v;
  }
  if (version !== undefined) return { ok: true, version, theirs };
  const text = `Incompatible versions: we support ${
    ours.map(versionName).join(", ")
  }, you offered ${theirs.length ? theirs.map(versionName).join(", ") : "none"}`;
  // In the switch's version when we speak it (so it can read the error), else our lowest.
  const errVersion = ours.includes(hello.version) ? hello.version : ours[0];
  const reply = {
    version: errVersion,
    type: "ERROR",
    xid: hello.xid,
    errType: OFPET.HELLO_FAILED,
    code: OFPHFC.INCOMPATIBLE,
    data: new TextEncoder().encode(text),
  } as OfpMessage;
  return { ok: false, theirs, reply };
}

/** What a handshake does to its connection. */
export interface HandshakeHooks {
  /** The version is negotiated. */
  handshakeNegotiated(facts: VersionFacts): void;
  /** The handshake is complete (`features` is the FEATURES_REPLY, if requested). */
  handshakeDone(features: OfpMessage | undefined): void;
  /** The handshake failed: close the connection. */
  handshakeFailed(error: HandshakeError): void;
  /** The SwitchError of an ERROR answering FEATURES_REQUEST. */
  switchError(xid: number, reply: Reply): Error;
}

/** One connection's handshake: HELLO both ways, then FEATURES, within a deadline. */
export class Handshake {
  #step: "hello" | "features" | "done" = "hello";
  #deadline: Deadline | undefined;
  #peerHello: HelloMessage | undefined;
  readonly #settings: ConnectionSettings;
  readonly #out: Outgoing;
  readonly #hooks: HandshakeHooks;

  constructor(settings: ConnectionSettings, out: Outgoing, hooks: HandshakeHooks) {
    this.#settings = settings;
    this.#out = out;
    this.#hooks = hooks;
    this.#deadline = deadlines.add(settings.handshakeTimeout, () => {
      this.#deadline = undefined;
      const waitingFor = this.#step === "hello" ? "the switch's HELLO" : "FEATURES_REPLY";
      this.#fail(`Expected ${waitingFor} within ${settings.handshakeTimeout} ms, got none`, {
        reason: "timeout",
      });
    });
    if (settings.initialHello) this.#sendHello();
  }

  /** "hello" until the switch's HELLO came, "features" until FEATURES_REPLY, then "done". */
  get step(): "hello" | "features" | "done" {
    return this.#step;
  }

  /** The switch's HELLO, once it came. */
  get peerHello(): HelloMessage | undefined {
    return this.#peerHello;
  }

  /** The switch's first message was not a HELLO, or not a readable one. */
  unexpected(message: string, cause?: unknown): void {
    this.#fail(message, { reason: "unexpected-message", cause });
  }

  /** The switch's HELLO: negotiate, then ask for features or be done. */
  hello(hello: HelloMessage): void {
    this.#peerHello = hello;
    const ours = this.#settings.versions;
    const outcome = negotiate(ours, hello);
    if (!outcome.ok) {
      this.#out.encode(outcome.reply);
      const theirs = outcome.theirs;
      return this.#fail(
        `Expected a HELLO offering one of versions ${ours.join(", ")}, got ${theirs.join(", ")}`,
        { reason: "no-common-version", theirs },
      );
    }
    this.#hooks.handshakeNegotiated(versionFacts(outcome.version)!);
    if (!this.#settings.initialHello) this.#sendHello();
    if (!this.#settings.features) return this.#done(undefined);
    this.#step = "features";
    const xid = this.#out.tx.nextXid();
    this.#out.encode({ version: outcome.version, type: "FEATURES_REQUEST", xid } as OfpMessage);
    this.#out.tx.add(xid, { deliver: (reply) => this.#features(xid, reply), fail: () => {} });
  }

  /** Stops the deadline (the connection closed). */
  stop(): void {
    deadlines.cancel(this.#deadline);
    this.#deadline = undefined;
  }

  #features(xid: number, reply: Reply): Next {
    const m = reply.message;
    if (m.type === "FEATURES_REPLY") {
      this.#done(m);
      return Next.done;
    }
    const isError = reply.wtype === COMMON_TYPES.ERROR;
    this.#fail(
      isError ? "Expected FEATURES_REPLY, got an error" : `Expected FEATURES_REPLY, got ${m.type}`,
      { reason: "features-failed", cause: isError ? this.#hooks.switchError(xid, reply) : m },
    );
    return Next.done;
  }

  #sendHello(): void {
    const versions = this.#settings.versions;
    this.#out.encode({
      version: versions[versions.length - 1],
      type: "HELLO",
      xid: this.#out.tx.nextXid(),
      elements: [versionBitmap(versions)],
    });
  }

  #done(features: OfpMessage | undefined): void {
    this.stop();
    this.#step = "done";
    this.#hooks.handshakeDone(features);
  }

  #fail(
    message: string,
    o: { reason: HandshakeErrorOptions["reason"]; theirs?: readonly number[]; cause?: unknown },
  ): void {
    this.stop();
    this.#hooks.handshakeFailed(
      new HandshakeError(message, { ...o, ours: this.#settings.versions }),
    );
  }
}
