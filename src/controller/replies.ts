/**
 * The reply a request resolves to, as a type: `transact` of a DESC request is typed as a DESC
 * reply, of a FEATURES_REQUEST as a FEATURES_REPLY, in the request's version.
 *
 * @module
 */
import type { OfpMessage, OfpMessageOf } from "../ofp/codec.ts";

/** The reply message type of each request message type that has one. */
export interface ReplyTypeOf {
  /** ECHO_REQUEST → ECHO_REPLY. */
  ECHO_REQUEST: "ECHO_REPLY";
  /** FEATURES_REQUEST → FEATURES_REPLY. */
  FEATURES_REQUEST: "FEATURES_REPLY";
  /** GET_CONFIG_REQUEST → GET_CONFIG_REPLY. */
  GET_CONFIG_REQUEST: "GET_CONFIG_REPLY";
  /** BARRIER_REQUEST → BARRIER_REPLY. */
  BARRIER_REQUEST: "BARRIER_REPLY";
  /** ROLE_REQUEST → ROLE_REPLY (1.3). */
  ROLE_REQUEST: "ROLE_REPLY";
  /** GET_ASYNC_REQUEST → GET_ASYNC_REPLY (1.3). */
  GET_ASYNC_REQUEST: "GET_ASYNC_REPLY";
  /** QUEUE_GET_CONFIG_REQUEST → QUEUE_GET_CONFIG_REPLY. */
  QUEUE_GET_CONFIG_REQUEST: "QUEUE_GET_CONFIG_REPLY";
  /** MULTIPART_REQUEST → MULTIPART_REPLY (1.3), with the same body type. */
  MULTIPART_REQUEST: "MULTIPART_REPLY";
  /** STATS_REQUEST → STATS_REPLY (1.0), with the same body type. */
  STATS_REQUEST: "STATS_REPLY";
}

/**
 * The reply to request `M`: its reply type in its version (and, for a multipart or stats
 * request, with the request's body type); `OfpMessage` for raw bytes or a request type the
 * table does not list.
 *
 * @example
 * ```ts
 * import { of13 } from "@oftest/oftest/ofp";
 * import type { ReplyTo } from "@oftest/oftest";
 *
 * type Desc = ReplyTo<ReturnType<typeof of13.descRequest>>;
 * const mfr = (reply: Desc): string => reply.body.mfrDesc; // typed: no narrowing needed
 * ```
 */
// Each message interface of the version whose `type` can be the reply type, narrowed to it
// (some interfaces serve several types), and for a multipart reply to the request's body type.
export type ReplyTo<M> = M extends {
  version: infer V extends number;
  type: infer T extends keyof ReplyTypeOf;
  body: { type: infer B };
}
  ? ReplyTypeOf[T] extends infer R
    ? OfpMessageOf<V> extends infer U
      ? U extends { type: infer UT; body: infer Body }
        ? R extends UT ? U & { type: R; body: Extract<Body, { type: B }> } : never
      : never
    : never
  : never
  : M extends { version: infer V extends number; type: infer T extends keyof ReplyTypeOf }
    ? ReplyTypeOf[T] extends infer R
      ? OfpMessageOf<V> extends infer U
        ? U extends { type: infer UT } ? R extends UT ? U & { type: R } : never : never
      : never
    : never
  : OfpMessage;
