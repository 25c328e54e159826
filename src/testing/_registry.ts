// Every switch test declared with switchTest(), in declaration order, for the suite runner.
import type { SwitchTestContext } from "./context.ts";
import type { SessionVersion } from "./session.ts";
import type { TargetKind, TargetReason } from "./target.ts";

/** A declared switch test. @internal */
export interface SwitchTestDefinition {
  /** The test's name. */
  name: string;
  /** Its group (e.g. "basic"), for selection and reports. */
  group: string;
  /** Free tags, for selection. */
  tags: readonly string[];
  /** The versions it runs with. */
  versions: readonly SessionVersion[];
  /** Data ports it needs. */
  ports: number;
  /** Its deadline, in ms. */
  timeout: number;
  /** Why it is expected to fail (per target kind). */
  xfail: TargetReason | undefined;
  /** Why it is skipped (per target kind). */
  skip: TargetReason | undefined;
  /** Where it was declared (file URL and line), for reports. */
  location: string;
  /** The test. */
  fn: (t: SwitchTestContext) => void | Promise<void>;
}

// Kept on globalThis, so suites that reach this package through another specifier (a JSR
// URL, an import map entry) still register where the runner looks.
interface Store {
  definitions: SwitchTestDefinition[];
  runnerActive: boolean;
}
const KEY = Symbol.for("@oftest/oftest/switch-tests");
const store: Store = ((globalThis as Record<symbol, unknown>)[KEY] as Store | undefined) ??
  ((globalThis as Record<symbol, unknown>)[KEY] = {
    definitions: [],
    runnerActive: false,
  }) as Store;

/** Adds a definition. @internal */
export function register(definition: SwitchTestDefinition): void {
  store.definitions.push(definition);
}

/** Every definition so far. @internal */
export function registeredTests(): readonly SwitchTestDefinition[] {
  return store.definitions;
}

/** The suite runner runs the tests: `switchTest` registers no `Deno.test`. @internal */
export function activateRunner(): void {
  store.runnerActive = true;
}

/** Whether the suite runner runs the tests. @internal */
export function runnerActive(): boolean {
  return store.runnerActive;
}

/** The reason that applies to a target kind, if any. @internal */
export function reasonFor(reason: TargetReason | undefined, kind: TargetKind): string | undefined {
  return typeof reason === "string" ? reason : reason?.[kind];
}
