// Byte streams to a controller: Deno connections (TCP, TLS dialed) and node:tls sockets
// (TLS accepted with a client certificate, which Deno.listenTls cannot demand), one shape.

/** A byte stream. */
export interface Stream {
  read(buf: Uint8Array): Promise<number | null>;
  write(buf: Uint8Array): Promise<number>;
  close(): void;
}

/** Writes all of `bytes`. */
export async function writeAll(s: Stream, bytes: Uint8Array): Promise<void> {
  for (let off = 0; off < bytes.length;) off += await s.write(bytes.subarray(off));
}

/** The part of a node:tls socket the adapter uses. */
export interface NodeSocket {
  on(event: "data", listener: (d: Uint8Array) => void): unknown;
  on(event: "end" | "close", listener: () => void): unknown;
  on(event: "error", listener: (e: Error) => void): unknown;
  write(buf: Uint8Array, cb: (e?: Error | null) => void): unknown;
  destroy(): unknown;
}

/** A node:tls socket as a pull-style stream. */
export function nodeStream(socket: NodeSocket): Stream {
  const chunks: Uint8Array[] = [];
  let ended = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  socket.on("data", (d: Uint8Array) => {
    chunks.push(d);
    notify();
  });
  socket.on("end", () => {
    ended = true;
    notify();
  });
  socket.on("close", () => {
    ended = true;
    notify();
  });
  socket.on("error", (e: Error) => {
    failure = e;
    notify();
  });
  return {
    async read(buf: Uint8Array): Promise<number | null> {
      while (chunks.length === 0) {
        if (failure) throw failure;
        if (ended) return null;
        await new Promise<void>((r) => (wake = r));
      }
      let n = 0;
      while (chunks.length > 0 && n < buf.length) {
        const c = chunks[0];
        const take = Math.min(c.length, buf.length - n);
        buf.set(c.subarray(0, take), n);
        n += take;
        if (take === c.length) chunks.shift();
        else chunks[0] = c.subarray(take);
      }
      return n;
    },
    write(buf: Uint8Array): Promise<number> {
      if (ended || failure) return Promise.reject(failure ?? new Error("Socket closed"));
      return new Promise((resolve, reject) => {
        socket.write(buf, (e?: Error | null) => (e ? reject(e) : resolve(buf.length)));
      });
    },
    close(): void {
      ended = true;
      socket.destroy();
      notify();
    },
  };
}
