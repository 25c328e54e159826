// A promise made only when someone asks for it: a connection has three (ready, closed,
// transport closed), and thousands of idle connections need not each hold three promises,
// six resolving functions and their records.

/** Settles once; `promise` is created on first use, already settled if the outcome is known. */
export class Outcome<T> {
  #state: "pending" | "resolved" | "rejected" = "pending";
  #value: T | undefined;
  #error: unknown;
  #resolvers: PromiseWithResolvers<T> | undefined;
  /** Whether a rejection may go unobserved (no unhandled-rejection report). */
  readonly #quiet: boolean;

  /** @param quiet Never report a rejection nobody awaited. */
  constructor(quiet = false) {
    this.#quiet = quiet;
  }

  /** The outcome as a promise. */
  get promise(): Promise<T> {
    if (this.#resolvers === undefined) {
      this.#resolvers = Promise.withResolvers<T>();
      if (this.#quiet) this.#resolvers.promise.catch(() => {});
      if (this.#state === "resolved") this.#resolvers.resolve(this.#value!);
      else if (this.#state === "rejected") this.#resolvers.reject(this.#error);
    }
    return this.#resolvers.promise;
  }

  /** Resolves (the first settlement wins). */
  resolve(value: T): void {
    if (this.#state !== "pending") return;
    this.#state = "resolved";
    this.#value = value;
    this.#resolvers?.resolve(value);
  }

  /** Rejects (the first settlement wins). */
  reject(error: unknown): void {
    if (this.#state !== "pending") return;
    this.#state = "rejected";
    this.#error = error;
    this.#resolvers?.reject(error);
  }
}
