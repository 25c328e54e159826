// What `probe` reads from a switch and how it prints it.
import type { SwitchConnection } from "../controller/switch_connection.ts";
import type { OfpMessage } from "../ofp/codec.ts";
import { of10, of13, type Of13Port } from "../ofp/mod.ts";

/** One port as the probe reports it. */
export interface ProbePort {
  /** Port number. */
  portNo: number;
  /** Interface name. */
  name: string;
  /** MAC address. */
  hwAddr: string;
  /** "up" or "down" (link state), and "blocked"/"live" where the switch says so. */
  state: string;
  /** Current speed in Mbit/s, when the switch reports one. */
  speedMbps?: number;
}

/** What `probe` found. */
export interface ProbeReport {
  /** Negotiated OpenFlow version: "1.0" or "1.3". */
  version: string;
  /** Datapath id. */
  datapathId: bigint;
  /** Switch description (DESC). */
  description?: {
    manufacturer: string;
    hardware: string;
    software: string;
    serial: string;
    datapath: string;
  };
  /** Buffers and tables from FEATURES_REPLY. */
  features: { buffers: number; tables: number; capabilities: number };
  /** Ports. */
  ports: ProbePort[];
  /** Tables with entries or lookups (all of them when the switch has few). */
  tables: { tableId: number; activeCount: number; lookupCount: bigint; matchedCount: bigint }[];
  /** Flows, in the switch's own order. */
  flows: {
    tableId: number;
    priority: number;
    packetCount: bigint;
    byteCount: bigint;
    match: unknown;
    cookie: bigint;
  }[];
  /** Meters (OpenFlow 1.3), or why not. */
  meters: { supported: boolean; maxMeter?: number; configured: number; error?: string };
  /** Groups (OpenFlow 1.3), or why not. */
  groups: { supported: boolean; configured: number; error?: string };
  /** Echo round trip, sequential transactions. */
  echo: { count: number; p50Us: number; p99Us: number };
}

function bodiesOf<T>(parts: OfpMessage[]): T[] {
  return parts.map((p) => (p as unknown as { body: T }).body);
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/**
 * Reads everything the report shows from a connected switch.
 *
 * @param conn A connection that finished its handshake.
 * @param options How many echo round trips to time.
 * @returns The report.
 */
export async function collectReport(
  conn: SwitchConnection,
  options: { echoCount: number },
): Promise<ProbeReport> {
  const timeout = { timeout: 10_000 };
  const v13 = conn.version === 4;
  const features = conn.features as Extract<OfpMessage, { type: "FEATURES_REPLY" }> | undefined;
  const report: ProbeReport = {
    version: v13 ? "1.3" : "1.0",
    datapathId: conn.datapathId ?? 0n,
    features: {
      buffers: features?.nBuffers ?? 0,
      tables: features?.nTables ?? 0,
      capabilities: features?.capabilities ?? 0,
    },
    ports: [],
    tables: [],
    flows: [],
    meters: { supported: false, configured: 0 },
    groups: { supported: false, configured: 0 },
    echo: { count: 0, p50Us: 0, p99Us: 0 },
  };

  const desc = await conn.transactMultipart(
    v13 ? of13.descRequest() : of10.descStatsRequest(),
    timeout,
  );
  const d = bodiesOf<
    { mfrDesc: string; hwDesc: string; swDesc: string; serialNum: string; dpDesc: string }
  >(desc)[0];
  if (d) {
    report.description = {
      manufacturer: d.mfrDesc,
      hardware: d.hwDesc,
      software: d.swDesc,
      serial: d.serialNum,
      datapath: d.dpDesc,
    };
  }

  if (v13) {
    const parts = await conn.transactMultipart(of13.portDescRequest(), timeout);
    for (const body of bodiesOf<{ entries: Of13Port[] }>(parts)) {
      for (const p of body.entries) {
        report.ports.push({
          portNo: p.portNo,
          name: p.name,
          hwAddr: p.hwAddr,
          state: [
            p.state & of13.OFPPS.LINK_DOWN ? "down" : "up",
            p.state & of13.OFPPS.LIVE ? "live" : "",
            p.state & of13.OFPPS.BLOCKED ? "blocked" : "",
          ]
            .filter(Boolean).join(","),
          speedMbps: p.currSpeed ? p.currSpeed / 1000 : undefined,
        });
      }
    }
  } else if (features && "ports" in features) {
    for (const p of features.ports) {
      report.ports.push({
        portNo: p.portNo,
        name: p.name,
        hwAddr: p.hwAddr,
        state: p.state & 1 ? "down" : "up",
      });
    }
  }
  report.ports.sort((a, b) => a.portNo - b.portNo);

  const tables = await conn.transactMultipart(
    v13 ? of13.tableStatsRequest() : of10.tableStatsRequest(),
    timeout,
  );
  const allTables = bodiesOf<{ entries: ProbeReport["tables"] }>(tables).flatMap((b) => b.entries);
  report.tables = allTables
    .filter((t, i) => i === 0 || t.activeCount > 0 || t.lookupCount > 0n)
    .map(({ tableId, activeCount, lookupCount, matchedCount }) => ({
      tableId,
      activeCount,
      lookupCount,
      matchedCount,
    }));

  const flows = await conn.transactMultipart(
    v13 ? of13.flowStatsRequest() : of10.flowStatsRequest(),
    timeout,
  );
  for (
    const body of bodiesOf<
      {
        entries: {
          tableId: number;
          priority: number;
          packetCount: bigint;
          byteCount: bigint;
          match: unknown;
          cookie: bigint;
        }[];
      }
    >(flows)
  ) {
    for (const f of body.entries) {
      report.flows.push({
        tableId: f.tableId,
        priority: f.priority,
        packetCount: f.packetCount,
        byteCount: f.byteCount,
        match: f.match,
        cookie: f.cookie,
      });
    }
  }

  if (v13) {
    try {
      const mf = bodiesOf<{ maxMeter: number }>(
        await conn.transactMultipart(of13.meterFeaturesRequest(), timeout),
      )[0];
      const mc = await conn.transactMultipart(of13.meterConfigRequest(), timeout);
      report.meters = {
        supported: true,
        maxMeter: mf?.maxMeter,
        configured: bodiesOf<{ entries: unknown[] }>(mc).reduce((n, b) => n + b.entries.length, 0),
      };
    } catch (e) {
      report.meters = { supported: false, configured: 0, error: (e as Error).message };
    }
    try {
      const gd = await conn.transactMultipart(of13.groupDescRequest(), timeout);
      report.groups = {
        supported: true,
        configured: bodiesOf<{ entries: unknown[] }>(gd).reduce((n, b) => n + b.entries.length, 0),
      };
    } catch (e) {
      report.groups = { supported: false, configured: 0, error: (e as Error).message };
    }
  } else {
    report.meters.error = "OpenFlow 1.0 has no meters";
    report.groups.error = "OpenFlow 1.0 has no groups";
  }

  const samples: number[] = [];
  const payload = new Uint8Array(8);
  for (let i = 0; i < options.echoCount; i++) {
    const t0 = performance.now();
    await conn.echo(payload, timeout);
    samples.push((performance.now() - t0) * 1000);
  }
  samples.sort((a, b) => a - b);
  report.echo = {
    count: samples.length,
    p50Us: Math.round(quantile(samples, 0.5)),
    p99Us: Math.round(quantile(samples, 0.99)),
  };
  return report;
}

function matchText(match: unknown): string {
  if (Array.isArray(match)) {
    return match.map((
      t,
    ) => ("value" in t
      ? `${t.field}=${String(t.value)}${t.mask !== undefined ? `/${String(t.mask)}` : ""}`
      : t.field)
    )
      .join(",") || "(any)";
  }
  const m = match as { wildcards: number; inPort: number; dlType: number };
  if (!m || m.wildcards === of10.OFPFW.ALL) return "(any)";
  const parts: string[] = [];
  if (!(m.wildcards & of10.OFPFW.IN_PORT)) parts.push(`in_port=${m.inPort}`);
  if (!(m.wildcards & of10.OFPFW.DL_TYPE)) parts.push(`dl_type=0x${m.dlType.toString(16)}`);
  return parts.join(",") || `wildcards=0x${m.wildcards.toString(16)}`;
}

/**
 * Formats a report for a terminal.
 *
 * @param r The report.
 * @returns Text, one section per line group.
 */
export function formatReport(r: ProbeReport): string {
  const lines: string[] = [];
  lines.push(`OpenFlow ${r.version}   datapath ${r.datapathId.toString(16).padStart(16, "0")}`);
  if (r.description) {
    lines.push(
      `  ${r.description.manufacturer} / ${r.description.hardware} / ${r.description.software}`,
    );
    if (r.description.datapath) lines.push(`  ${r.description.datapath}`);
  }
  lines.push(
    `  ${r.features.tables} tables, ${r.features.buffers} buffers, capabilities 0x${
      r.features.capabilities.toString(16)
    }`,
  );
  lines.push("", `Ports (${r.ports.length})`);
  for (const p of r.ports) {
    const speed = p.speedMbps !== undefined ? `${p.speedMbps} Mbit/s` : "";
    lines.push(
      `  ${portLabel(p.portNo).padStart(10)}  ${p.name.padEnd(16)} ${p.hwAddr}  ${
        p.state.padEnd(10)
      } ${speed}`,
    );
  }
  lines.push("", "Tables (active / lookups / matched)");
  for (const t of r.tables) {
    lines.push(
      `  ${String(t.tableId).padStart(3)}  ${t.activeCount} / ${t.lookupCount} / ${t.matchedCount}`,
    );
  }
  lines.push("", `Flows (${r.flows.length})`);
  for (const f of r.flows.slice(0, 50)) {
    lines.push(
      `  table ${f.tableId} priority ${f.priority}  ${
        matchText(f.match)
      }  packets ${f.packetCount} bytes ${f.byteCount}`,
    );
  }
  if (r.flows.length > 50) lines.push(`  ... ${r.flows.length - 50} more`);
  lines.push("");
  lines.push(
    r.meters.supported
      ? `Meters: ${r.meters.configured} configured (max ${r.meters.maxMeter ?? "?"})`
      : `Meters: not available (${r.meters.error})`,
  );
  lines.push(
    r.groups.supported
      ? `Groups: ${r.groups.configured} configured`
      : `Groups: not available (${r.groups.error})`,
  );
  lines.push(
    `Echo round trip over ${r.echo.count}: p50 ${r.echo.p50Us} µs, p99 ${r.echo.p99Us} µs`,
  );
  return lines.join("\n");
}

const RESERVED_PORTS: Record<number, string> = {
  0xfffffffe: "LOCAL",
  0xfffe: "LOCAL",
  0xfffffffd: "CONTROLLER",
  0xfffd: "CONTROLLER",
};

function portLabel(portNo: number): string {
  return RESERVED_PORTS[portNo] ?? String(portNo);
}
