// OpenFlow 1.3 requests: what each message does to the switch, and its reply.
import { of13 } from "../ofp/mod.ts";
import type { Of13Message, Of13PacketOut, Of13PortMod, Of13Role, OfpMessage } from "../ofp/mod.ts";
import { compileActions13 } from "./_actions.ts";
import type { Channel } from "./_channel.ts";
import { flowMod13, removeGroupFlows, removeMeterFlows } from "./_flow_mods.ts";
import { Packet } from "./_packet.ts";
import { applyActions } from "./_pipeline.ts";
import { refuse } from "./_refusal.ts";
import { multipart13 } from "./_stats13.ts";

const { OFPP, OFPCR_ROLE, OFPTT, OFP_NO_BUFFER } = of13;

/** Capabilities in FEATURES_REPLY: every statistic but IP reassembly and port blocking. */
const CAPABILITIES = of13.OFPC.FLOW_STATS | of13.OFPC.TABLE_STATS | of13.OFPC.PORT_STATS |
  of13.OFPC.GROUP_STATS | of13.OFPC.QUEUE_STATS;

/** Messages a slave controller may not send (OpenFlow 1.3 §6.3.7). */
const MASTER_ONLY = new Set([
  "FLOW_MOD",
  "GROUP_MOD",
  "PORT_MOD",
  "TABLE_MOD",
  "METER_MOD",
  "PACKET_OUT",
]);

/** Handles one OpenFlow 1.3 message. @throws {Refusal} */
export function handle13(ch: Channel, msg: OfpMessage, _frame: Uint8Array): void {
  const m = msg as Of13Message | Extract<OfpMessage, { type: "HELLO" | "RAW" }>;
  const dp = ch.dp;
  if (MASTER_ONLY.has(m.type) && ch.role === "slave") {
    throw refuse("BAD_REQUEST", "IS_SLAVE", `A slave controller cannot send ${m.type}`);
  }
  const xid = m.xid;
  switch (m.type) {
    case "HELLO":
    case "ECHO_REPLY":
      return;
    case "ECHO_REQUEST":
      return ch.reply({ ...of13.echoReply(m.data), xid });
    case "FEATURES_REQUEST":
      ch.reply(of13.featuresReply({
        xid,
        datapathId: dp.datapathId,
        nBuffers: dp.buffers.size,
        nTables: dp.tables.length,
        capabilities: CAPABILITIES,
      }));
      return ch.afterFeaturesReply();
    case "GET_CONFIG_REQUEST":
      return ch.reply({
        ...of13.getConfigReply(dp.fragFlags | (ch.configFlags & ~3), ch.missSendLen),
        xid,
      });
    case "SET_CONFIG": {
      const frag = m.flags & of13.OFPC_FRAG.MASK;
      if (frag === of13.OFPC_FRAG.REASM || frag === 3) {
        throw refuse("SWITCH_CONFIG_FAILED", "BAD_FLAGS", "IP reassembly is not supported");
      }
      dp.fragFlags = frag;
      ch.configFlags = m.flags;
      ch.missSendLen = m.missSendLen;
      return;
    }
    case "BARRIER_REQUEST":
      return ch.reply({ ...of13.barrierReply(), xid });
    case "FLOW_MOD":
      return flowMod13(dp, m);
    case "GROUP_MOD":
      return removeGroupFlows(dp, dp.groups.apply(m, dp.groupEnv, dp.now()));
    case "METER_MOD":
      return removeMeterFlows(dp, dp.meters.apply(m, dp.now()));
    case "PORT_MOD":
      return portMod(ch, m);
    case "TABLE_MOD":
      if (m.tableId !== OFPTT.ALL && m.tableId >= dp.tables.length) {
        throw refuse("TABLE_MOD_FAILED", "BAD_TABLE", `Table ${m.tableId} does not exist`);
      }
      if ((m.config & ~of13.OFPTC.DEPRECATED_MASK) !== 0) {
        throw refuse(
          "TABLE_MOD_FAILED",
          "BAD_CONFIG",
          `Table config 0x${m.config.toString(16)} is not supported`,
        );
      }
      return;
    case "PACKET_OUT":
      return packetOut(ch, m);
    case "MULTIPART_REQUEST":
      return multipart13(ch, m);
    case "QUEUE_GET_CONFIG_REQUEST": {
      const ports = m.port === OFPP.ANY ? [...dp.ports.values()] : [dp.ports.get(m.port)];
      if (ports[0] === undefined && m.port !== OFPP.ANY) {
        throw refuse("QUEUE_OP_FAILED", "BAD_PORT", `Port ${m.port} does not exist`);
      }
      const queues = ports.flatMap((p) =>
        [...p!.queues.keys()].map((queueId) => ({ queueId, port: p!.no, properties: [] }))
      );
      return ch.reply({ ...of13.queueGetConfigReply(m.port, queues), xid });
    }
    case "ROLE_REQUEST":
      return role(ch, m);
    case "GET_ASYNC_REQUEST":
      return ch.reply(of13.getAsyncReply({
        xid,
        packetInMask: [...ch.async[0]] as [number, number],
        portStatusMask: [...ch.async[1]] as [number, number],
        flowRemovedMask: [...ch.async[2]] as [number, number],
      }));
    case "SET_ASYNC":
      ch.async = [[...m.packetInMask], [...m.portStatusMask], [...m.flowRemovedMask]];
      return;
    case "EXPERIMENTER":
      throw refuse(
        "BAD_REQUEST",
        "BAD_EXPERIMENTER",
        `Experimenter 0x${m.experimenter.toString(16)} is not supported`,
      );
    default:
      throw refuse(
        "BAD_REQUEST",
        "BAD_TYPE",
        `A switch does not accept ${m.type === "RAW" ? `type ${m.msgType}` : m.type}`,
      );
  }
}

function packetOut(ch: Channel, m: Of13PacketOut): void {
  const dp = ch.dp;
  const inPort = m.inPort;
  const valid = (inPort > 0 && inPort <= OFPP.MAX && dp.ports.has(inPort)) ||
    inPort === OFPP.CONTROLLER ||
    inPort === OFPP.LOCAL || inPort === OFPP.ANY;
  if (!valid) {
    throw refuse(
      "BAD_REQUEST",
      "BAD_PORT",
      `Packet-out in_port ${of13.portName(inPort)} is not valid`,
    );
  }
  const acts = compileActions13(m.actions, dp.groupEnv, undefined, true);
  let frame = m.data, port = inPort === OFPP.ANY ? OFPP.CONTROLLER : inPort;
  if (m.bufferId !== OFP_NO_BUFFER) {
    const buffered = dp.buffers.take(m.bufferId);
    frame = buffered.frame;
    if (inPort === OFPP.ANY) port = buffered.inPort;
  }
  applyActions(dp, new Packet(frame, port), acts, {
    tableId: 0xff,
    cookie: 0xffffffffffffffffn,
    tableMiss: false,
  });
}

function portMod(ch: Channel, m: Of13PortMod): void {
  const dp = ch.dp;
  const port = dp.ports.get(m.portNo);
  if (!port) throw refuse("PORT_MOD_FAILED", "BAD_PORT", `Port ${m.portNo} does not exist`);
  if (m.hwAddr.toLowerCase() !== port.hwAddr) {
    throw refuse(
      "PORT_MOD_FAILED",
      "BAD_HW_ADDR",
      `Port ${m.portNo} has address ${port.hwAddr}, not ${m.hwAddr}`,
    );
  }
  const bits = of13.OFPPC.PORT_DOWN | of13.OFPPC.NO_RECV | of13.OFPPC.NO_FWD |
    of13.OFPPC.NO_PACKET_IN;
  if (((m.config | m.mask) & ~bits) !== 0) {
    throw refuse(
      "PORT_MOD_FAILED",
      "BAD_CONFIG",
      `Port config bits 0x${((m.config | m.mask) & ~bits).toString(16)} are not supported`,
    );
  }
  const supported = port.toOf13().supported;
  if ((m.advertise & ~supported) !== 0) {
    throw refuse(
      "PORT_MOD_FAILED",
      "BAD_ADVERTISE",
      `Port ${m.portNo} cannot advertise 0x${m.advertise.toString(16)}`,
    );
  }
  const config = (port.config & ~m.mask) | (m.config & m.mask);
  const changed = config !== port.config || (m.advertise !== 0 && m.advertise !== port.advertised);
  port.config = config;
  if (m.advertise !== 0) port.advertised = m.advertise;
  if (changed) dp.portChanged(port, of13.OFPPR.MODIFY);
}

function role(ch: Channel, m: Of13Role): void {
  const host = ch.host;
  const names = {
    [OFPCR_ROLE.EQUAL]: "equal",
    [OFPCR_ROLE.MASTER]: "master",
    [OFPCR_ROLE.SLAVE]: "slave",
  } as const;
  if (m.role !== OFPCR_ROLE.NOCHANGE && !(m.role in names)) {
    throw refuse("ROLE_REQUEST_FAILED", "BAD_ROLE", `Role ${m.role} is unknown`);
  }
  if (m.role === OFPCR_ROLE.MASTER || m.role === OFPCR_ROLE.SLAVE) {
    const cached = host.generationId;
    // Generation ids compare as a wrapping 64-bit sequence (§6.3.7).
    if (cached !== undefined && BigInt.asIntN(64, m.generationId - cached) < 0n) {
      throw refuse(
        "ROLE_REQUEST_FAILED",
        "STALE",
        `Generation ${m.generationId} is older than ${cached}`,
      );
    }
    host.generationId = m.generationId;
  }
  if (m.role !== OFPCR_ROLE.NOCHANGE) {
    const next = names[m.role as 1 | 2 | 3];
    if (next === "master") {
      for (const other of host.channels()) {
        if (other !== ch && other.role === "master") other.role = "slave";
      }
    }
    ch.role = next;
  }
  const wire =
    { equal: OFPCR_ROLE.EQUAL, master: OFPCR_ROLE.MASTER, slave: OFPCR_ROLE.SLAVE }[ch.role];
  ch.reply({ ...of13.roleReply(wire, host.generationId ?? 0n), xid: m.xid });
}
