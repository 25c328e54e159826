// What every scenario of `deno task perf` shares: the result row, peers in separate processes
// with a deadline on every line awaited from them, deadlines on any other wait, and CPU
// accounting per process and per thread, from which each row says what bounds it.

/** One line of the results table (and, without `target` and `bound`, of the --json file). */
export interface Result {
  name: string;
  value: number;
  unit: string;
  baseline: string;
  baselineValue: number;
  ratio: number;
  /** The target, as text (table only). */
  target?: string;
  /** What bounds the figure, measured (table only). */
  bound?: string;
}

/** The q-quantile of `xs` (nearest rank). */
export function quantile(xs: readonly number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** The median of `xs`. */
export function median(xs: readonly number[]): number {
  return quantile(xs, 0.5);
}

/**
 * `promise`, or a rejection naming `what` once `ms` have passed: no wait of the harness is
 * unbounded.
 */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** How long one guarded block may take before its scenario fails. */
const BLOCK_MS = 60_000;

/** Runs `block`; if it has not finished within BLOCK_MS, `abort` unblocks it and it fails. */
export async function guard<T>(
  what: string,
  block: () => Promise<T>,
  abort: () => void,
): Promise<T> {
  let late = false;
  const timer = setTimeout(() => {
    late = true;
    abort();
  }, BLOCK_MS);
  try {
    return await block();
  } catch (e) {
    throw late ? new Error(`${what}: not done within ${BLOCK_MS} ms`, { cause: e }) : e;
  } finally {
    clearTimeout(timer);
  }
}

/** A peer process: its stdout read as JSON lines, its stdin writable by lines. */
export interface Peer {
  readonly child: Deno.ChildProcess;
  readonly pid: number;
  /** The next JSON line it prints, within `ms`. */
  nextLine(ms: number, what: string): Promise<Record<string, unknown>>;
  /** Writes one line to its stdin. */
  say(line: string): Promise<void>;
  /** Ends it (SIGTERM, then SIGKILL after 2 s) and waits for it. */
  stop(): Promise<void>;
}

/** Options of {@linkcode spawnPeer}. */
export interface PeerOptions {
  /** The program (default: this Deno). */
  cmd?: string;
  /** Raise the open-file limit to this many first (through `sh -c 'ulimit -n …'`). */
  openFiles?: number;
}

/** The hard limit on open files here (`ulimit -Hn`). */
export async function hardFileLimit(): Promise<number> {
  const out = await new Deno.Command("sh", { args: ["-c", "ulimit -Hn"], stdout: "piped" })
    .output();
  const text = new TextDecoder().decode(out.stdout).trim();
  return text === "unlimited" ? Infinity : Number(text);
}

/** Starts a peer process with piped stdin/stdout (stderr goes to ours). */
export function spawnPeer(args: string[], options: PeerOptions = {}): Peer {
  const cmd = options.cmd ?? Deno.execPath();
  const command = options.openFiles === undefined
    ? new Deno.Command(cmd, { args, stdin: "piped", stdout: "piped", stderr: "inherit" })
    : new Deno.Command("sh", {
      // exec: the peer is the shell's process itself, so its pid is the one measured.
      args: ["-c", `ulimit -n ${options.openFiles} && exec "$0" "$@"`, cmd, ...args],
      stdin: "piped",
      stdout: "piped",
      stderr: "inherit",
    });
  const child = command.spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  const stdin = child.stdin.getWriter();
  let buffered = "";
  let exited = false;
  child.status.then(() => (exited = true));
  const readLine = async (): Promise<Record<string, unknown>> => {
    while (!buffered.includes("\n")) {
      const { value, done } = await lines.read();
      if (done) throw new Error(`peer ${args.join(" ")} exited before reporting`);
      buffered += value;
    }
    const i = buffered.indexOf("\n");
    const line = buffered.slice(0, i);
    buffered = buffered.slice(i + 1);
    return JSON.parse(line);
  };
  return {
    child,
    pid: child.pid,
    nextLine: (ms, what) => within(readLine(), ms, what),
    say: (line) => stdin.write(new TextEncoder().encode(line + "\n")),
    async stop() {
      await stdin.close().catch(() => {});
      if (!exited) {
        try {
          child.kill("SIGTERM");
        } catch { /* already exited */ }
      }
      const killer = setTimeout(() => {
        try {
          child.kill("SIGKILL");
        } catch { /* already exited */ }
      }, 2000);
      await lines.cancel().catch(() => {});
      await child.status;
      clearTimeout(killer);
    },
  };
}

/** A free TCP port on 127.0.0.1 (closed again: there is a small race, as with any such). */
export function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

/** Resolves once something accepts connections on `port`, within `ms`. */
export async function listeningOn(port: number, ms: number, what: string): Promise<void> {
  const until = performance.now() + ms;
  for (;;) {
    try {
      (await Deno.connect({ hostname: "127.0.0.1", port })).close();
      return;
    } catch {
      if (performance.now() > until) throw new Error(`${what}: not listening within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

// ---- CPU accounting -----------------------------------------------------------------------

const TICKS_PER_SECOND = 100;

/** utime + stime of a process or thread, in seconds (0 once it is gone). */
function cpuSeconds(path: string): number {
  try {
    const stat = Deno.readTextFileSync(path);
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/**
 * What is watched: a whole process, or the threads of this process whose name is `thread`
 * (or starts with it, when it ends with "-": Deno names worker threads worker-1, worker-2...).
 */
export type CpuTarget = { name: string; pid: number } | { name: string; thread: string };

function threadIds(comm: string): string[] {
  const ids: string[] = [];
  const prefix = comm.endsWith("-");
  for (const t of Deno.readDirSync(`/proc/${Deno.pid}/task`)) {
    try {
      const name = Deno.readTextFileSync(`/proc/${Deno.pid}/task/${t.name}/comm`).trim();
      if (prefix ? name.startsWith(comm) : name === comm) ids.push(t.name);
    } catch { /* gone */ }
  }
  return ids;
}

function read(target: CpuTarget): number {
  if ("pid" in target) return cpuSeconds(`/proc/${target.pid}/stat`);
  let sum = 0;
  for (const tid of threadIds(target.thread)) {
    sum += cpuSeconds(`/proc/${Deno.pid}/task/${tid}/stat`);
  }
  return sum;
}

/**
 * CPU used by each target over the intervals between `start` and `stop` (several intervals
 * add up: interleaved blocks measure one side only), as a share of one core.
 */
export class CpuMeter {
  #targets: CpuTarget[];
  #t0 = 0;
  #wall = 0;
  #before: number[] = [];
  #used: number[];

  constructor(targets: CpuTarget[]) {
    this.#targets = targets;
    this.#used = targets.map(() => 0);
  }

  /** Starts an interval. */
  start(): void {
    this.#t0 = performance.now();
    this.#before = this.#targets.map(read);
  }

  /** Ends an interval. */
  stop(): void {
    this.#wall += (performance.now() - this.#t0) / 1000;
    this.#targets.forEach((t, i) => (this.#used[i] += Math.max(0, read(t) - this.#before[i])));
  }

  /** Shares of one core over every interval, by target name. */
  shares(): Map<string, number> {
    const out = new Map<string, number>();
    this.#targets.forEach((t, i) => out.set(t.name, this.#used[i] / Math.max(this.#wall, 1e-9)));
    return out;
  }
}

/** This process's main thread and its workers (the socket worker), for a CpuMeter. */
export function controllerThreads(): CpuTarget[] {
  return [{ name: "main", thread: "deno" }, { name: "worker", thread: "worker-" }];
}

/** The cores of this machine. */
export const CORES: number = navigator.hardwareConcurrency;

/**
 * What bounds a figure, from the CPU shares measured while it ran: every core busy, one
 * thread saturated, or neither (waiting: wake-ups and the network path).
 */
export function boundBy(shares: Map<string, number>): string {
  let total = 0;
  let top = "", topShare = 0;
  for (const [name, share] of shares) {
    total += share;
    if (share > topShare) [top, topShare] = [name, share];
  }
  const list = [...shares].map(([n, s]) => `${n} ${Math.round(s * 100)}%`).join(", ");
  if (total >= CORES * 0.85) return `CPU: ${CORES} cores busy (${list})`;
  if (topShare >= 0.8) return `CPU: the ${top} thread (${list})`;
  return `wake-ups and the socket path, CPU idle ${
    Math.round((1 - total / CORES) * 100)
  }% (${list})`;
}
