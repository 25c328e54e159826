// OpenFlow 1.3 request errors (1.3.5 §7.4.4): malformed or unknown messages, multipart
// types, experimenters, actions and instructions are each refused with their error type and
// code, and the error carries the start of the offending request.
import assert from "node:assert/strict";
import { encode, of13 } from "../../src/ofp/mod.ts";
import type { Of13Action } from "../../src/ofp/mod.ts";
import { switchTest } from "../../src/testing/mod.ts";
import { flow, flowCount, type T13, to } from "./_util.ts";

const group = "errors";
const opts = { version: 4, group } as const;
const { BAD_REQUEST, BAD_ACTION, BAD_INSTRUCTION } = of13.OFPET;

/** The bytes of `msg` with a fresh xid, for patching. */
function raw(t: T13, msg: Parameters<typeof encode>[0]): Uint8Array {
  const bytes = encode({ ...msg, xid: t.conn.nextXid() });
  return bytes.slice();
}

function header(version: number, type: number, xid: number, length = 8): Uint8Array {
  const b = new Uint8Array(length);
  const v = new DataView(b.buffer);
  v.setUint8(0, version);
  v.setUint8(1, type);
  v.setUint16(2, length);
  v.setUint32(4, xid);
  return b;
}

switchTest(
  "an unknown message type: OFPBRC_BAD_TYPE, with the request in the data",
  opts,
  async (t) => {
    const request = header(4, 0x7f, t.conn.nextXid(), 16);
    const error = await t.verifyError(request, { type: BAD_REQUEST, code: of13.OFPBRC.BAD_TYPE });
    assert.deepEqual(
      error.data.subarray(0, 8),
      request.subarray(0, 8),
      "the error data starts with the request",
    );
  },
);

switchTest("an unknown multipart type: OFPBRC_BAD_MULTIPART", opts, async (t) => {
  await t.verifyError(
    of13.multipartRequest({ type: "UNKNOWN", multipartType: 0x3333, data: new Uint8Array(0) }),
    { type: BAD_REQUEST, code: of13.OFPBRC.BAD_MULTIPART },
  );
});

switchTest(
  "an experimenter message of an unknown experimenter: OFPBRC_BAD_EXPERIMENTER",
  opts,
  async (t) => {
    await t.verifyError(
      of13.experimenterMessage(0x00fe_dcba, 1, new Uint8Array(8)),
      { type: BAD_REQUEST, code: of13.OFPBRC.BAD_EXPERIMENTER },
    );
  },
);

switchTest(
  "an experimenter multipart request of an unknown experimenter: OFPBRC_BAD_EXPERIMENTER",
  opts,
  async (t) => {
    await t.verifyError(
      of13.experimenterMultipartRequest(0x00fe_dcba, 1, new Uint8Array(8)),
      { type: BAD_REQUEST, code: of13.OFPBRC.BAD_EXPERIMENTER },
    );
  },
);

switchTest("a FLOW_MOD cut short of its fixed part: OFPBRC_BAD_LEN", opts, async (t) => {
  const full = raw(t, of13.flowMod());
  const cut = full.slice(0, 40);
  new DataView(cut.buffer).setUint16(2, 40);
  await t.verifyError(cut, { type: BAD_REQUEST, code: of13.OFPBRC.BAD_LEN });
  assert.equal(await flowCount(t), 0);
});

switchTest("a PACKET_OUT whose actions run past its end: OFPBRC_BAD_LEN", opts, async (t) => {
  const msg = raw(t, of13.packetOut({ actions: to(t.ports[0]), data: new Uint8Array(0) }));
  new DataView(msg.buffer).setUint16(16, 64); // actions_len beyond the message
  await t.verifyError(msg, { type: BAD_REQUEST, code: of13.OFPBRC.BAD_LEN });
});

switchTest("an unknown action type: OFPBAC_BAD_TYPE", opts, async (t) => {
  const action: Of13Action = { type: "UNKNOWN", actionType: 0x7777, data: new Uint8Array(4) };
  await t.verifyError(flow({}, [action]), { type: BAD_ACTION, code: of13.OFPBAC.BAD_TYPE });
});

switchTest("an OUTPUT action of 8 bytes instead of 16: OFPBAC_BAD_LEN", opts, async (t) => {
  const action: Of13Action = {
    type: "UNKNOWN",
    actionType: of13.OFPAT.OUTPUT,
    data: new Uint8Array(4),
  };
  await t.verifyError(flow({}, [action]), { type: BAD_ACTION, code: of13.OFPBAC.BAD_LEN });
});

switchTest(
  "an experimenter action of an unknown experimenter: OFPBAC_BAD_EXPERIMENTER",
  opts,
  async (t) => {
    await t.verifyError(
      flow({}, [of13.experimenterAction(0x00fe_dcba, new Uint8Array(4))]),
      { type: BAD_ACTION, code: of13.OFPBAC.BAD_EXPERIMENTER },
    );
  },
);

switchTest("set-field of an unknown field: OFPBAC_BAD_SET_TYPE", {
  ...opts,
  xfail: {
    ovs:
      "Open vSwitch answers OFPBAC_BAD_SET_LEN for a set-field of an OXM field it does not know; 1.3.5 §7.4.4 defines OFPBAC_BAD_SET_TYPE for an unsupported type in SET_FIELD",
  },
}, async (t) => {
  const field = {
    field: "UNKNOWN" as const,
    oxmClass: of13.OFPXMC.OPENFLOW_BASIC,
    oxmField: 100,
    hasMask: false,
    value: new Uint8Array(4),
  };
  await t.verifyError(flow({}, [of13.setField(field)]), {
    type: BAD_ACTION,
    code: of13.OFPBAC.BAD_SET_TYPE,
  });
});

switchTest(
  "an experimenter instruction of an unknown experimenter: OFPBIC_BAD_EXPERIMENTER",
  opts,
  async (t) => {
    await t.verifyError(
      of13.flowMod({
        instructions: [of13.experimenterInstruction(0x00fe_dcba, new Uint8Array(4))],
      }),
      { type: BAD_INSTRUCTION, code: of13.OFPBIC.BAD_EXPERIMENTER },
    );
  },
);

switchTest(
  "errors answer each request by its xid, and later requests still work",
  opts,
  async (t) => {
    const [a] = t.ports;
    const bad = of13.flowMod({ command: 9 });
    const good = flow({ in_port: a }, to(a));
    await t.verifyError(bad, { type: of13.OFPET.FLOW_MOD_FAILED, code: of13.OFPFMFC.BAD_COMMAND });
    await t.install(good);
    assert.equal(await flowCount(t), 1);
  },
);

// 1.3.5 §7.4.4: OFPBRC_BAD_VERSION, "ofp_header.version not supported". The error comes in the
// offending message's version (as a switch that does not speak it cannot do otherwise).
switchTest("a message of a version not negotiated: OFPBRC_BAD_VERSION", opts, async (t) => {
  const barrier12 = new Uint8Array([3, 20, 0, 8, 0, 0, 0, 0]); // an OpenFlow 1.2 BARRIER_REQUEST
  const e = await t.verifyError(barrier12, {
    type: BAD_REQUEST,
    code: of13.OFPBRC.BAD_VERSION,
  });
  assert.equal(t.conn.isClosed, false, "the connection stays up");
  const version: number = e.version;
  assert.ok(version === 3 || version === 4, `error in version ${version}`);
});
