// A test's failure, in Ryu's words: "<category>: <detail>" (tester.py's MSG table), plus
// the OpenFlow error reply that caused it when there was one.
import { of10, of13 } from "../ofp/mod.ts";
import { SwitchError } from "../controller/mod.ts";

/** Why a test is ERROR. The category is the text before the first colon, as Ryu groups them. */
export class TestFailure extends Error {
  constructor(readonly category: string, readonly detail: string, options?: { cause?: unknown }) {
    super(`${category}: ${detail}`, options);
    this.name = "TestFailure";
  }
}

/** Names an error reply like Ryu's ERR_MSG, with the spec names of its type and code. */
export function errorText(version: number, errType: number, code: number): string {
  const t = (n: number) => `0x${n.toString(16).padStart(2, "0")}`;
  const names = version === 1 ? of10 : of13;
  return `OFPErrorMsg[type=${t(errType)} ${names.errorTypeName(errType)}, code=${t(code)} ${
    names.errorName(errType, code)
  }]`;
}

/** A SwitchError (as the Controller raises for transactions) from an ERROR message. */
export function switchError(
  version: number,
  msg: { xid: number; errType: number; code: number; data: Uint8Array },
): SwitchError {
  const names = version === 1 ? of10 : of13;
  return new SwitchError({
    xid: msg.xid,
    errType: msg.errType,
    code: msg.code,
    typeName: names.errorTypeName(msg.errType),
    codeName: names.errorName(msg.errType, msg.code),
    data: msg.data,
    reply: msg,
  });
}
