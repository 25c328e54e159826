// OpenFlow 1.0 requests: what each message does to the switch, and its reply.
import { of10, of13 } from "../ofp/mod.ts";
import type {
  Of10Message,
  Of10PacketOut,
  Of10PortMod,
  Of10StatsRequest,
  OfpMessage,
} from "../ofp/mod.ts";
import { compileActions10 } from "./_actions.ts";
import type { Channel } from "./_channel.ts";
import type { Datapath } from "./_datapath.ts";
import type { FlowEntry } from "./_flow_entry.ts";
import { flowMod10 } from "./_flow_mods.ts";
import { compileOf10, port10to13 } from "./_match.ts";
import { aggregateBody, descBody, replyParts } from "./_multipart.ts";
import { Packet } from "./_packet.ts";
import { applyActions } from "./_pipeline.ts";
import { refuse } from "./_refusal.ts";
import type { Of10Match } from "../ofp/mod.ts";

const CAPABILITIES = of10.OFPC.FLOW_STATS | of10.OFPC.TABLE_STATS | of10.OFPC.PORT_STATS |
  of10.OFPC.QUEUE_STATS | of10.OFPC.ARP_MATCH_IP;
/** Every OpenFlow 1.0 action but VENDOR. */
const ACTIONS = (1 << 12) - 1;

/** Handles one OpenFlow 1.0 message. @throws {Refusal} */
export function handle10(ch: Channel, msg: OfpMessage, _frame: Uint8Array): void {
  const m = msg as Of10Message | Extract<OfpMessage, { type: "HELLO" | "RAW" }>;
  const dp = ch.dp;
  const xid = m.xid;
  switch (m.type) {
    case "HELLO":
    case "ECHO_REPLY":
      return;
    case "ECHO_REQUEST":
      return ch.reply({ ...of10.echoReply(m.data), xid });
    case "FEATURES_REQUEST":
      ch.reply(of10.featuresReply({
        xid,
        datapathId: dp.datapathId,
        nBuffers: dp.buffers.size,
        nTables: 1,
        capabilities: CAPABILITIES,
        actions: ACTIONS,
        ports: [...dp.ports.values()].map((p) => p.toOf10()),
      }));
      return ch.afterFeaturesReply();
    case "GET_CONFIG_REQUEST":
      return ch.reply({
        ...of10.getConfigReply(dp.fragFlags | (ch.configFlags & ~3), ch.missSendLen),
        xid,
      });
    case "SET_CONFIG":
      // OpenFlow 1.0 has no error for reassembly it cannot do: fragments are then handled normally.
      dp.fragFlags = (m.flags & of10.OFPC_FRAG.MASK) === of10.OFPC_FRAG.DROP
        ? of10.OFPC_FRAG.DROP
        : 0;
      ch.configFlags = m.flags;
      ch.missSendLen = m.missSendLen;
      return;
    case "BARRIER_REQUEST":
      return ch.reply({ ...of10.barrierReply(), xid });
    case "FLOW_MOD":
      return flowMod10(dp, m);
    case "PORT_MOD":
      return portMod(dp, m);
    case "PACKET_OUT":
      return packetOut(dp, m);
    case "STATS_REQUEST":
      return stats(ch, m);
    case "QUEUE_GET_CONFIG_REQUEST": {
      const port = dp.ports.get(m.port);
      if (!port) throw refuse("QUEUE_OP_FAILED", "BAD_PORT", `Port ${m.port} does not exist`);
      const queues = [...port.queues.keys()].map((queueId) => ({ queueId, properties: [] }));
      return ch.reply({ ...of10.queueGetConfigReply(m.port, queues), xid });
    }
    case "VENDOR":
      throw refuse(
        "BAD_REQUEST",
        "BAD_EXPERIMENTER",
        `Vendor 0x${m.vendor.toString(16)} is not supported`,
      );
    default:
      throw refuse(
        "BAD_REQUEST",
        "BAD_TYPE",
        `A switch does not accept ${m.type === "RAW" ? `type ${m.msgType}` : m.type}`,
      );
  }
}

function packetOut(dp: Datapath, m: Of10PacketOut): void {
  const inPort = m.inPort === of10.OFPP.NONE ? of13.OFPP.CONTROLLER : port10to13(m.inPort);
  if (inPort <= of13.OFPP.MAX && !dp.ports.has(inPort)) {
    throw refuse("BAD_REQUEST", "EPERM", `Packet-out in_port ${m.inPort} does not exist`);
  }
  const acts = compileActions10(
    m.actions,
    { hasPort: (p) => dp.ports.has(p), hasGroup: () => false },
    (port, q) => dp.ports.get(port)?.queues.has(q) ?? false,
    true,
  );
  let frame = m.data, port = inPort;
  if (m.bufferId !== of10.OFP_NO_BUFFER) {
    const buffered = dp.buffers.take(m.bufferId);
    frame = buffered.frame;
    if (m.inPort === of10.OFPP.NONE) port = buffered.inPort;
  }
  applyActions(dp, new Packet(frame, port), acts, {
    tableId: 0,
    cookie: 0xffffffffffffffffn,
    tableMiss: false,
  });
}

function portMod(dp: Datapath, m: Of10PortMod): void {
  const port = dp.ports.get(m.portNo);
  if (!port) throw refuse("PORT_MOD_FAILED", "BAD_PORT", `Port ${m.portNo} does not exist`);
  if (m.hwAddr.toLowerCase() !== port.hwAddr) {
    throw refuse(
      "PORT_MOD_FAILED",
      "BAD_HW_ADDR",
      `Port ${m.portNo} has address ${port.hwAddr}, not ${m.hwAddr}`,
    );
  }
  const mask = m.mask & 0x7f;
  const config = (port.config & ~mask) | (m.config & mask);
  if (config === port.config) return;
  port.config = config;
  dp.portChanged(port, of10.OFPPR.MODIFY);
}

function flows(
  dp: Datapath,
  b: { match: Of10Match; tableId: number; outPort: number },
): FlowEntry[] {
  if (b.tableId !== 0 && b.tableId !== of10.OFPTT_ALL) return [];
  const filter = compileOf10(b.match);
  const outPort = b.outPort === of10.OFPP.NONE ? of13.OFPP.ANY : port10to13(b.outPort);
  return [...dp.tables[0].entries()]
    .filter((e) =>
      e.wire.version === 1 && e.match.within(filter) && e.outputsTo(outPort, of13.OFPP.ANY)
    )
    .sort((a, c) => c.priority - a.priority);
}

function stats(ch: Channel, m: Of10StatsRequest): void {
  const dp = ch.dp;
  const now = dp.now();
  const b = m.body;
  const reply = (body: Parameters<typeof replyParts>[2]) => replyParts(ch, m.xid, body);
  switch (b.type) {
    case "DESC":
      return reply(descBody(ch.host.desc));
    case "FLOW":
      return reply({
        type: "FLOW",
        entries: flows(dp, b).map((e) => {
          const [durationSec, durationNsec] = e.duration(now);
          return {
            tableId: 0,
            match: e.wire.match,
            durationSec,
            durationNsec,
            priority: e.priority,
            idleTimeout: e.idleTimeout,
            hardTimeout: e.hardTimeout,
            cookie: e.cookie,
            packetCount: BigInt(e.packets),
            byteCount: BigInt(e.bytes),
            actions: e.wire.version === 1 ? e.wire.actions : [],
          };
        }),
      });
    case "AGGREGATE":
      return reply(aggregateBody(flows(dp, b)));
    case "TABLE": {
      const t = dp.tables[0];
      return reply({
        type: "TABLE",
        entries: [{
          tableId: 0,
          name: "classifier",
          wildcards: of10.OFPFW.ALL,
          maxEntries: t.maxEntries,
          activeCount: t.size,
          lookupCount: BigInt(t.lookups),
          matchedCount: BigInt(t.matched),
        }],
      });
    }
    case "PORT": {
      const ports = [...dp.ports.values()].filter((p) =>
        b.portNo === of10.OFPP.NONE || p.no === b.portNo
      );
      return reply({
        type: "PORT",
        entries: ports.map((p) => ({
          portNo: p.no,
          rxPackets: BigInt(p.rxPackets),
          txPackets: BigInt(p.txPackets),
          rxBytes: BigInt(p.rxBytes),
          txBytes: BigInt(p.txBytes),
          rxDropped: BigInt(p.rxDropped),
          txDropped: BigInt(p.txDropped),
          rxErrors: BigInt(p.rxErrors),
          txErrors: 0n,
          rxFrameErr: 0n,
          rxOverErr: 0n,
          rxCrcErr: 0n,
          collisions: 0n,
        })),
      });
    }
    case "QUEUE": {
      const allPorts = b.portNo === of10.OFPP.ALL;
      if (!allPorts && !dp.ports.has(b.portNo)) {
        throw refuse("QUEUE_OP_FAILED", "BAD_PORT", `Port ${b.portNo} does not exist`);
      }
      const entries = [...dp.ports.values()]
        .filter((p) => allPorts || p.no === b.portNo)
        .flatMap((p) =>
          [...p.queues].filter(([q]) => b.queueId === of10.OFPQ_ALL || q === b.queueId).map((
            [queueId, q],
          ) => ({
            portNo: p.no,
            queueId,
            txBytes: BigInt(q.txBytes),
            txPackets: BigInt(q.txPackets),
            txErrors: BigInt(q.txErrors),
          }))
        );
      if (b.queueId !== of10.OFPQ_ALL && entries.length === 0) {
        throw refuse("QUEUE_OP_FAILED", "BAD_QUEUE", `Queue ${b.queueId} does not exist`);
      }
      return reply({ type: "QUEUE", entries });
    }
    case "VENDOR":
      throw refuse(
        "BAD_REQUEST",
        "BAD_EXPERIMENTER",
        `Vendor 0x${b.vendor.toString(16)} is not supported`,
      );
    default:
      throw refuse("BAD_REQUEST", "BAD_MULTIPART", `Stats type ${b.statsType} is unknown`);
  }
}
