/**
 * The conformance suite: every module of it, for the suite runner (`deno task suite`).
 *
 * @module
 */
import "./of13/basic.ts";
import "./of13/match_l2.ts";
import "./of13/match_ip.ts";
import "./of13/match_l4.ts";
import "./of13/match_arp_nd.ts";
import "./of13/match_errors.ts";
import "./of13/set_field.ts";
import "./of13/push_pop.ts";
import "./of13/ttl.ts";
import "./of13/packet_in.ts";
import "./of13/packet_out.ts";
import "./of13/flow_mod.ts";
import "./of13/flow_removed.ts";
import "./of13/stats.ts";
import "./of13/pipeline.ts";
import "./of13/groups.ts";
import "./of13/meters.ts";
import "./of13/port_config.ts";
import "./of13/errors.ts";
import "./of10/basic.ts";
import "./of10/match.ts";
import "./of10/actions.ts";
import "./of10/flow_mod.ts";
import "./of10/stats.ts";
import "./of10/port_config.ts";
import "./of10/errors.ts";
