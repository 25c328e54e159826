# The scapy peer of tests/packet/scapy_test.ts (run with Debian's /usr/bin/python3, once per
# test, every frame in one JSON document on stdin).
#
# For each frame it builds the same layer fields with scapy (computed fields left to scapy
# unless the frame gives them) and dissects the resulting bytes with scapy, writing the
# layers back in the packet library's JSON form. Bytes travel as {"hex": "..."}.
#
# Modes (the "mode" key of the input):
#   frames  {"frames": [{"layers": [...], "pad": bool}]} -> {"results": [{"hex", "layers"} | {"error"}]}
#   dissect {"frames": ["hex", ...]} -> {"results": [{"layers"} | {"error"}]}
#   oftest  {"calls": [{"helper": name, "options": {...}}]} -> {"results": ["hex", ...]}
#
# scapy is configured, not changed: MPLS after 802.1Q/802.1ad, SCTP after IPv6 extension
# headers, the SPBM contrib (PBB I-TAG), and a generic SCTP chunk TLV.
import json
import struct
import sys
import ipaddress
import logging

logging.getLogger("scapy").setLevel(logging.ERROR)

from scapy.config import conf  # noqa: E402
from scapy.fields import (  # noqa: E402
    ByteField, FieldLenField, PadField, StrLenField, XByteField,
)
from scapy.packet import NoPayload, Packet, Padding, Raw, bind_layers  # noqa: E402
from scapy.layers.l2 import ARP, LLC, Dot1AD, Dot1Q, Dot3, Ether  # noqa: E402
from scapy.layers.inet import ICMP, IP, TCP, UDP  # noqa: E402
from scapy.layers.inet6 import (  # noqa: E402
    HBHOptUnknown, ICMPv6EchoReply, ICMPv6EchoRequest, ICMPv6ND_NA, ICMPv6ND_NS,
    ICMPv6ND_RA, ICMPv6ND_RS, ICMPv6NDOptDstLLAddr, ICMPv6NDOptSrcLLAddr, ICMPv6Unknown,
    IPv6, IPv6ExtHdrDestOpt, IPv6ExtHdrFragment, IPv6ExtHdrHopByHop, IPv6ExtHdrRouting,
    Pad1, icmp6ndoptscls, icmp6typescls,
)
from scapy.layers.sctp import SCTP  # noqa: E402
from scapy.contrib.mpls import MPLS  # noqa: E402
from scapy.contrib.spbm import SPBM  # noqa: E402
import scapy.layers.inet6 as inet6  # noqa: E402

bind_layers(Dot1Q, MPLS, type=0x8847)
bind_layers(Dot1AD, MPLS, type=0x8847)
EXT_HEADERS = (IPv6ExtHdrHopByHop, IPv6ExtHdrRouting, IPv6ExtHdrFragment, IPv6ExtHdrDestOpt)
for ext in EXT_HEADERS:
    bind_layers(ext, SCTP, nh=132)


class Chunk(Packet):
    """A generic SCTP chunk: type, flags, length (header and value), value padded to 4 bytes."""
    name = "SCTP chunk"
    fields_desc = [ByteField("type", 0), XByteField("flags", 0),
                   FieldLenField("len", None, length_of="data", fmt="!H", adjust=lambda p, x: x + 4),
                   PadField(StrLenField("data", b"", length_from=lambda p: p.len - 4), 4, padwith=b"\x00")]

    def default_payload_class(self, p):
        return Chunk if len(p) >= 4 else conf.padding_layer


SCTP.default_payload_class = lambda self, p: Chunk if len(p) >= 4 else conf.padding_layer


def unhex(v):
    return bytes.fromhex(v["hex"])


def hexed(b):
    return {"hex": bytes(b).hex()}


def ip6(text):
    return ipaddress.IPv6Address(text).compressed


def kw(layer, **names):
    """Keyword arguments for the fields a layer gives (computed ones may be absent)."""
    return {scapy: layer[ours] for ours, scapy in names.items() if ours in layer}


# ---- build ------------------------------------------------------------------------------

def ip_options(opts):
    if not opts:
        return []
    opts = opts + b"\x00" * (-len(opts) % 4)
    hdr = bytes([0x40 | (5 + len(opts) // 4)]) + bytes(19) + opts
    return IP(hdr).options


def tcp_options(opts):
    if not opts:
        return []
    opts = opts + b"\x00" * (-len(opts) % 4)
    hdr = bytes(12) + bytes([(5 + len(opts) // 4) << 4]) + bytes(7) + opts
    return TCP(hdr).options


def ext_options(opts):
    """Option TLVs as scapy option objects with no alignment of their own (scapy pads the end)."""
    out, i = [], 0
    while i < len(opts):
        if opts[i] == 0:
            out.append(Pad1())
            i += 1
            continue
        n = opts[i + 1]
        out.append(HBHOptUnknown(otype=opts[i], optdata=opts[i + 2:i + 2 + n]))
        i += 2 + n
    return out


def nd_option(o):
    t = o["optionType"]
    if "mac" in o and "data" not in o:
        cls = ICMPv6NDOptSrcLLAddr if t == 1 else ICMPv6NDOptDstLLAddr
        return cls(type=t, lladdr=o["mac"], **kw(o, length="len"))
    data = unhex(o["data"])
    body = data + b"\x00" * (-(len(data) + 2) % 8)
    length = o.get("length", (len(body) + 2) // 8)
    tlv = bytes([t, length]) + body
    return globals_cls(icmp6ndoptscls.get(t))(tlv)


def globals_cls(name):
    return name if isinstance(name, type) else getattr(inet6, name)


def make(layers, i):
    l, nxt = layers[i], (layers[i + 1] if i + 1 < len(layers) else None)
    t = l["type"]
    if t == "ethernet":
        if (nxt and nxt["type"] == "llc") or l.get("ethertype", 1501) <= 1500:
            return Dot3(dst=l["dst"], src=l["src"], **kw(l, ethertype="len"))
        return Ether(dst=l["dst"], src=l["src"], **kw(l, ethertype="type"))
    if t == "llc":
        return LLC(dsap=l["dsap"], ssap=l["ssap"], ctrl=l["control"])
    if t in ("vlan", "svlan"):
        cls = Dot1Q if t == "vlan" else Dot1AD
        return cls(prio=l["pcp"], id=int(l["dei"]), vlan=l["vid"], **kw(l, ethertype="type"))
    if t == "mpls":
        bos = l.get("bos", not (nxt and nxt["type"] == "mpls"))
        return MPLS(label=l["label"], cos=l["tc"], s=int(bos), ttl=l["ttl"])
    if t == "itag":
        r = l["reserved"]
        return SPBM(prio=l["pcp"], dei=int(l["dei"]), nca=int(l["uca"]), res1=r >> 2, res2=r & 3, isid=l["isid"])
    if t == "arp":
        return ARP(hwtype=l["hwType"], ptype=l["protoType"], hwlen=l["hwLen"], plen=l["protoLen"], op=l["opcode"],
                   hwsrc=l["srcMac"], psrc=l["srcIp"], hwdst=l["dstMac"], pdst=l["dstIp"])
    if t == "ipv4":
        return IP(version=l["version"], tos=(l["dscp"] << 2) | l["ecn"], id=l["identification"], flags=l["flags"],
                  frag=l["fragmentOffset"], ttl=l["ttl"], src=l["src"], dst=l["dst"],
                  options=ip_options(unhex(l["options"]) if "options" in l else b""),
                  **kw(l, ihl="ihl", totalLength="len", protocol="proto", checksum="chksum"))
    if t == "ipv6":
        return IPv6(version=l["version"], tc=(l["dscp"] << 2) | l["ecn"], fl=l["flowLabel"], hlim=l["hopLimit"],
                    src=l["src"], dst=l["dst"], **kw(l, payloadLength="plen", nextHeader="nh"))
    if t in ("hopopts", "dstopts"):
        cls = IPv6ExtHdrHopByHop if t == "hopopts" else IPv6ExtHdrDestOpt
        opts = ext_options(unhex(l["options"])) if "options" in l else []
        return cls(options=opts, **kw(l, nextHeader="nh", length="len"))
    if t == "routing":
        data = unhex(l["data"]) if "data" in l else bytes(4)
        addrs = [ip6(ipaddress.IPv6Address(data[k:k + 16]).compressed) for k in range(4, len(data), 16)]
        return IPv6ExtHdrRouting(type=l["routingType"], segleft=l["segmentsLeft"],
                                 reserved=struct.unpack("!I", data[:4])[0], addresses=addrs,
                                 **kw(l, nextHeader="nh", length="len"))
    if t == "fragment":
        return IPv6ExtHdrFragment(res1=l["reserved"], offset=l["offset"], res2=l["reserved2"], m=int(l["more"]),
                                  id=l["identification"], **kw(l, nextHeader="nh"))
    if t == "icmp":
        it = l["icmpType"]
        if it in (0, 8):
            return ICMP(type=it, code=l["code"], id=l["identifier"], seq=l["sequence"], **kw(l, checksum="chksum"))
        c = ICMP(struct.pack("!BBHI", it, l["code"], 0, l["rest"]))
        c.chksum = l.get("checksum")
        return c
    if t == "icmpv6":
        return make_icmpv6(l)
    if t == "tcp":
        return TCP(sport=l["srcPort"], dport=l["dstPort"], seq=l["seq"], ack=l["ack"], reserved=l["reserved"],
                   flags=l["flags"], window=l["window"], urgptr=l["urgent"],
                   options=tcp_options(unhex(l["options"]) if "options" in l else b""),
                   **kw(l, dataOffset="dataofs", checksum="chksum"))
    if t == "udp":
        return UDP(sport=l["srcPort"], dport=l["dstPort"], **kw(l, length="len", checksum="chksum"))
    if t == "sctp":
        p = SCTP(sport=l["srcPort"], dport=l["dstPort"], tag=l["verificationTag"], **kw(l, checksum="chksum"))
        for c in l.get("chunks", []):
            p = p / Chunk(type=c["chunkType"], flags=c.get("flags", 0), data=unhex(c["data"]) if "data" in c else b"",
                          **kw(c, length="len"))
        return p
    if t == "raw":
        return Raw(load=unhex(l["data"]))
    raise ValueError("unknown layer type %r" % t)


def make_icmpv6(l):
    it, code = l["icmpType"], l["code"]
    ck = kw(l, checksum="cksum")
    if it in (128, 129):
        cls = ICMPv6EchoRequest if it == 128 else ICMPv6EchoReply
        p = cls(code=code, id=l["identifier"], seq=l["sequence"], **ck)
    elif it == 133:
        p = ICMPv6ND_RS(code=code, res=l["reserved"], **ck)
    elif it == 134:
        f = l["flags"]
        p = ICMPv6ND_RA(code=code, chlim=l["curHopLimit"], M=f >> 7, O=(f >> 6) & 1, H=(f >> 5) & 1,
                        prf=(f >> 3) & 3, P=(f >> 2) & 1, res=f & 3, routerlifetime=l["routerLifetime"],
                        reachabletime=l["reachableTime"], retranstimer=l["retransTimer"], **ck)
    elif it == 135:
        p = ICMPv6ND_NS(code=code, res=l["reserved"], tgt=l["target"], **ck)
    elif it == 136:
        f = l["flags"]
        p = ICMPv6ND_NA(code=code, R=f >> 7, S=(f >> 6) & 1, O=(f >> 5) & 1, res=((f & 0x1f) << 24) | l["reserved"],
                        tgt=l["target"], **ck)
    elif it in icmp6typescls and it < 128:
        # An error message: scapy's class for it, from its 8 header bytes.
        p = globals_cls(icmp6typescls[it])(struct.pack("!BBHI", it, code, 0, l["rest"]))
        p.cksum = l.get("checksum")
    else:
        p = ICMPv6Unknown(type=it, code=code, msgbody=struct.pack("!I", l["rest"]), **ck)
    if 133 <= it <= 136:
        for o in l.get("options", []):
            p = p / nd_option(o)
    return p


def build(frame):
    layers = frame["layers"]
    pkt = None
    made = []
    for i in range(len(layers)):
        p = make(layers, i)
        made.append(p)
        pkt = p if pkt is None else pkt / p
    # scapy has no length rule for a tag before an LLC header: give it the payload's length.
    for i, l in enumerate(layers):
        if l["type"] in ("vlan", "svlan") and "ethertype" not in l and i + 1 < len(layers) \
                and layers[i + 1]["type"] == "llc":
            tag = pkt.getlayer(Dot1Q if l["type"] == "vlan" else Dot1AD,
                               nb=sum(1 for m in layers[:i + 1] if m["type"] == l["type"]))
            tag.type = len(bytes(tag.payload))
    out = bytes(pkt)
    for l in reversed(layers):
        if l["type"] == "ethernet" and "padding" in l:
            out += unhex(l["padding"])
    if frame.get("pad") and len(out) < 60:
        out += bytes(60 - len(out))
    return out


# ---- dissect ----------------------------------------------------------------------------
#
# scapy decides which layer follows which and gives every field value; the converter tracks
# where each layer starts (pos) and where the innermost length-delimited layer ends (end),
# by scapy's own rules (Dot3 len, IP len, IPv6 plen, UDP len, ARP size), to cut the bytes
# of options and raw payloads. Where nothing was collapsed to raw, the padding this finds is
# checked against scapy's Padding layers.

def icmpv6_layers(p, data, pos, end):
    """An ICMPv6 message (a scapy class, or Raw for a type scapy does not know)."""
    o = data[pos:end]
    it, code, ck = o[0], o[1], struct.unpack("!H", o[2:4])[0]
    out = {"type": "icmpv6", "icmpType": it, "code": code, "checksum": ck}
    size = 8
    if it in (128, 129):
        out["identifier"], out["sequence"] = p.id, p.seq
    elif it in (133, 135):
        out["reserved"] = p.res
        if it == 135:
            out["target"] = ip6(p.tgt)
            size = 24
    elif it == 136:
        out["flags"] = (p.R << 7) | (p.S << 6) | (p.O << 5) | (p.res >> 24)
        out["reserved"] = p.res & 0xffffff
        out["target"] = ip6(p.tgt)
        size = 24
    elif it == 134:
        out.update(curHopLimit=p.chlim, flags=(p.M << 7) | (p.O << 6) | (p.H << 5) | (p.prf << 3) | (p.P << 2) | p.res,
                   routerLifetime=p.routerlifetime, reachableTime=p.reachabletime, retransTimer=p.retranstimer)
        size = 16
    else:
        out["rest"] = struct.unpack("!I", o[4:8])[0]
    layers = [out]
    if 133 <= it <= 136:
        opts = []
        q = p.payload
        while not isinstance(q, (NoPayload, Padding, Raw)):
            t, n = o[size], o[size + 1]
            if t in (1, 2) and n == 1:
                opts.append({"optionType": t, "mac": q.lladdr, "length": 1})
            else:
                opts.append({"optionType": t, "data": hexed(o[size + 2:size + n * 8]), "length": n})
            size += n * 8
            q = q.payload
        out["options"] = opts
    if size < len(o):
        layers.append({"type": "raw", "data": hexed(o[size:])})
    return layers


def dissect(data):
    pkt = Ether(data)
    out = []
    layer, pos, end = pkt, 0, len(data)
    collapsed = False

    def raw_rest(at):
        nonlocal collapsed
        collapsed = True
        if at < end:
            out.append({"type": "raw", "data": hexed(data[at:end])})

    while not isinstance(layer, NoPayload):
        c = type(layer)
        if c is Padding:
            break
        if c is Ether:
            out.append({"type": "ethernet", "dst": layer.dst, "src": layer.src, "ethertype": layer.type})
            h = 14
        elif c is Dot3:
            out.append({"type": "ethernet", "dst": layer.dst, "src": layer.src, "ethertype": layer.len})
            h = 14
            end = min(end, pos + 14 + layer.len)
        elif c is LLC:
            out.append({"type": "llc", "dsap": layer.dsap, "ssap": layer.ssap, "control": layer.ctrl})
            raw_rest(pos + 3)
            break
        elif c in (Dot1Q, Dot1AD):
            out.append({"type": "vlan" if c is Dot1Q else "svlan", "pcp": layer.prio, "dei": bool(layer.id),
                        "vid": layer.vlan, "ethertype": layer.type})
            h = 4
            if layer.type <= 1500:
                end = min(end, pos + 4 + layer.type)
        elif c is MPLS:
            out.append({"type": "mpls", "label": layer.label, "tc": layer.cos, "bos": bool(layer.s), "ttl": layer.ttl})
            h = 4
            if layer.s and not isinstance(layer.payload, (IP, IPv6)):
                raw_rest(pos + 4)
                break
        elif c is SPBM:
            out.append({"type": "itag", "pcp": layer.prio, "dei": bool(layer.dei), "uca": bool(layer.nca),
                        "reserved": (layer.res1 << 2) | layer.res2, "isid": layer.isid})
            h = 4
        elif c is ARP:
            h = 8 + 2 * (layer.hwlen + layer.plen)
            a = {"type": "arp", "hwType": layer.hwtype, "protoType": layer.ptype, "hwLen": layer.hwlen,
                 "protoLen": layer.plen, "opcode": layer.op}
            if layer.hwlen == 6 and layer.plen == 4:
                a.update(srcMac=layer.hwsrc, srcIp=layer.psrc, dstMac=layer.hwdst, dstIp=layer.pdst)
            else:
                a["addresses"] = hexed(data[pos + 8:pos + h])
            out.append(a)
            end = min(end, pos + h)
        elif c is IP:
            h = max(20, layer.ihl * 4)
            out.append({"type": "ipv4", "version": layer.version, "ihl": layer.ihl, "dscp": layer.tos >> 2,
                        "ecn": layer.tos & 3, "totalLength": layer.len, "identification": layer.id,
                        "flags": int(layer.flags), "fragmentOffset": layer.frag, "ttl": layer.ttl,
                        "protocol": layer.proto, "checksum": layer.chksum, "src": layer.src, "dst": layer.dst,
                        "options": hexed(data[pos + 20:pos + h])})
            if layer.len - layer.ihl * 4 >= 0:
                end = min(end, pos + h + layer.len - layer.ihl * 4)
        elif c is IPv6:
            out.append({"type": "ipv6", "version": layer.version, "dscp": layer.tc >> 2, "ecn": layer.tc & 3,
                        "flowLabel": layer.fl, "payloadLength": layer.plen, "nextHeader": layer.nh,
                        "hopLimit": layer.hlim, "src": ip6(layer.src), "dst": ip6(layer.dst)})
            h = 40
            end = min(end, pos + 40 + layer.plen)
        elif c in (IPv6ExtHdrHopByHop, IPv6ExtHdrDestOpt):
            h = (layer.len + 1) * 8
            out.append({"type": "hopopts" if c is IPv6ExtHdrHopByHop else "dstopts", "nextHeader": layer.nh,
                        "length": layer.len, "options": hexed(data[pos + 2:pos + h])})
        elif c is IPv6ExtHdrRouting:
            h = (layer.len + 1) * 8
            out.append({"type": "routing", "nextHeader": layer.nh, "length": layer.len, "routingType": layer.type,
                        "segmentsLeft": layer.segleft, "data": hexed(data[pos + 4:pos + h])})
        elif c is IPv6ExtHdrFragment:
            h = 8
            out.append({"type": "fragment", "nextHeader": layer.nh, "reserved": layer.res1, "offset": layer.offset,
                        "reserved2": layer.res2, "more": bool(layer.m), "identification": layer.id})
        elif c is ICMP:
            i = {"type": "icmp", "icmpType": layer.type, "code": layer.code, "checksum": layer.chksum}
            if layer.type in (0, 8):
                i.update(identifier=layer.id, sequence=layer.seq)
            else:
                i["rest"] = struct.unpack("!I", data[pos + 4:pos + 8])[0]
            out.append(i)
            raw_rest(pos + 8)
            break
        elif isinstance(layer.underlayer, (IPv6,) + EXT_HEADERS) and layer.underlayer.nh == 58 \
                and not (isinstance(layer.underlayer, IPv6ExtHdrFragment) and layer.underlayer.offset):
            out.extend(icmpv6_layers(layer, data, pos, end))
            collapsed = True
            break
        elif c is TCP:
            h = max(20, layer.dataofs * 4)
            out.append({"type": "tcp", "srcPort": layer.sport, "dstPort": layer.dport, "seq": layer.seq,
                        "ack": layer.ack, "dataOffset": layer.dataofs, "reserved": layer.reserved,
                        "flags": int(layer.flags), "window": layer.window, "checksum": layer.chksum,
                        "urgent": layer.urgptr, "options": hexed(data[pos + 20:pos + h])})
        elif c is UDP:
            out.append({"type": "udp", "srcPort": layer.sport, "dstPort": layer.dport, "length": layer.len,
                        "checksum": layer.chksum})
            h = 8
            if layer.len >= 8:
                end = min(end, pos + layer.len)
        elif c is SCTP:
            chunks = []
            q, at = layer.payload, pos + 12
            while isinstance(q, Chunk):
                chunks.append({"chunkType": q.type, "flags": q.flags, "length": q.len, "data": hexed(q.data)})
                at += (q.len + 3) & ~3
                q = q.payload
            out.append({"type": "sctp", "srcPort": layer.sport, "dstPort": layer.dport,
                        "verificationTag": layer.tag, "checksum": layer.chksum, "chunks": chunks})
            raw_rest(at)
            break
        else:
            # Raw, or a protocol this library does not model: the rest is raw bytes.
            raw_rest(pos)
            break
        pos += h
        layer = layer.payload
    scapy_pad = b"".join(bytes(p.load) for p in padding_layers(pkt))
    if not collapsed and scapy_pad != data[end:]:
        raise ValueError("padding: scapy has %s, the length fields say %s" % (scapy_pad.hex(), data[end:].hex()))
    if end < len(data) and out and out[0]["type"] == "ethernet":
        out[0]["padding"] = hexed(data[end:])
    return out


def padding_layers(layer):
    out = []
    while not isinstance(layer, NoPayload):
        if isinstance(layer, Padding):
            out.append(layer)
        layer = layer.payload
    return out


# ---- OFTest's helpers, restated with scapy ----------------------------------------------

def oftest(helper, o):
    """The frames OFTest's testutils.simple_*_packet make, from the same keywords."""
    g = lambda k, d: o.get(k, d)  # noqa: E731
    pktlen = g("pktlen", 60 if helper in ("simpleIcmpPacket", "simpleEthPacket") else 68 if helper == "simpleArpPacket" else 100)
    pkt = Ether(dst=g("ethDst", "ff:ff:ff:ff:ff:ff" if helper == "simpleArpPacket" else "00:01:02:03:04:05"),
                src=g("ethSrc", "00:06:07:08:09:0a"))
    tagged = o.get("dlVlanEnable", "vlanVid" in o or "vlanPcp" in o)
    if tagged:
        pkt /= Dot1Q(prio=g("vlanPcp", 0), id=g("dlVlanCfi", 0), vlan=g("vlanVid", 0))
    v4 = dict(src=g("ipSrc", "192.168.0.1"), dst=g("ipDst", "192.168.0.2"), tos=g("ipTos", 0), ttl=g("ipTtl", 64),
              id=g("ipId", 1))
    v6 = dict(src=g("ipv6Src", "2001:db8:85a3::8a2e:370:7334"), dst=g("ipv6Dst", "2001:db8:85a3::8a2e:370:7335"),
              fl=g("ipv6Fl", 0), tc=g("ipv6Tc", 0), hlim=g("ipv6Hlim", 64))
    fill = b"D"
    if helper == "simpleTcpPacket":
        pkt /= IP(**v4) / TCP(sport=g("tcpSport", 1234), dport=g("tcpDport", 80), flags=g("tcpFlags", "S"))
    elif helper == "simpleUdpPacket":
        pkt /= IP(**v4) / UDP(sport=g("udpSport", 1234), dport=g("udpDport", 80))
    elif helper == "simpleSctpPacket":
        pkt /= IP(**v4) / SCTP(sport=g("sctpSport", 1234), dport=g("sctpDport", 80))
    elif helper == "simpleIcmpPacket":
        pkt /= IP(**v4) / ICMP(type=g("icmpType", 8), code=g("icmpCode", 0)) / g("icmpData", "")
        fill = b"0"
    elif helper == "simpleTcpv6Packet":
        pkt /= IPv6(**v6) / TCP(sport=g("tcpSport", 1234), dport=g("tcpDport", 80), flags=g("tcpFlags", "S"))
    elif helper == "simpleUdpv6Packet":
        pkt /= IPv6(**v6) / UDP(sport=g("udpSport", 1234), dport=g("udpDport", 80))
    elif helper == "simpleIcmpv6Packet":
        pkt /= IPv6(**v6)
        t, ll = g("icmpType", 128), g("llAddr", "66:6f:df:2d:7c:9c")
        if t == 134:
            pkt /= ICMPv6ND_RA(chlim=255, H=0, M=0, O=1, routerlifetime=1800, P=0, retranstimer=0, prf=0, res=0)
            if g("prefixOpt", False):
                pkt /= inet6.ICMPv6NDOptPrefixInfo(A=1, res2=0, res1=0, L=1, len=4, prefix=g("ipv6Prefix", "fd00:141:64:1::"),
                                                   R=0, validlifetime=1814400, prefixlen=64, preferredlifetime=604800, type=3)
            if g("hasLl", False):
                pkt /= ICMPv6NDOptSrcLLAddr(type=1, len=1, lladdr=ll)
        elif t == 135:
            pkt /= ICMPv6ND_NS(type=t, code=g("icmpCode", 0), res=0, tgt=g("target", "::"))
            if g("hasLl", False):
                pkt /= ICMPv6NDOptSrcLLAddr(type=1, len=1, lladdr=ll)
        elif t == 136:
            pkt /= ICMPv6ND_NA(R=g("rBit", 0), S=g("sBit", 0), O=1, res=0, tgt=g("target", "::"))
            if g("hasLl", False):
                pkt /= ICMPv6NDOptDstLLAddr(type=2, len=1, lladdr=ll)
        elif t == 133:
            pkt /= ICMPv6ND_RS(res=0)
            if g("hasLl", False):
                pkt /= ICMPv6NDOptSrcLLAddr(type=1, len=1, lladdr=ll)
        elif t in (128, 129):
            pkt /= (ICMPv6EchoRequest() if t == 128 else ICMPv6EchoReply()) / g("icmpData", "")
        elif t in (1, 3):
            cls = inet6.ICMPv6DestUnreach if t == 1 else inet6.ICMPv6TimeExceeded
            pkt /= cls(type=t, code=g("icmpCode", 0)) / g("icmpData", "")
        else:
            pkt /= ICMPv6Unknown(type=t, code=g("icmpCode", 0))
    elif helper == "simpleArpPacket":
        pkt /= ARP(hwsrc=g("hwSnd", "00:06:07:08:09:0a"), hwdst=g("hwTgt", "00:00:00:00:00:00"),
                   pdst=g("ipTgt", "192.168.0.2"), psrc=g("ipSnd", "192.168.0.1"), op=g("arpOp", 1))
        fill = b"\x00"
    elif helper == "simpleEthPacket":
        pkt = Ether(dst=g("ethDst", "00:01:02:03:04:05"), src=g("ethSrc", "00:06:07:08:09:0a"), type=g("ethType", 0x88cc))
        fill = b"0"
    else:
        raise ValueError("unknown helper %r" % helper)
    return bytes(pkt / (fill * (pktlen - len(pkt)))) if pktlen > len(pkt) else bytes(pkt)


# ---- main -------------------------------------------------------------------------------

def main():
    req = json.load(sys.stdin)
    mode = req["mode"]
    if mode == "frames":
        results = []
        for f in req["frames"]:
            try:
                data = build(f)
                results.append({"hex": data.hex(), "layers": dissect(data)})
            except Exception as e:  # reported per frame, so one bad frame names itself
                results.append({"error": "%s: %s" % (type(e).__name__, e)})
        out = {"results": results}
    elif mode == "dissect":
        results = []
        for h in req["frames"]:
            try:
                results.append({"layers": dissect(bytes.fromhex(h))})
            except Exception as e:
                results.append({"error": "%s: %s" % (type(e).__name__, e)})
        out = {"results": results}
    elif mode == "oftest":
        out = {"results": [oftest(c["helper"], c["options"]).hex() for c in req["calls"]]}
    else:
        raise ValueError("unknown mode %r" % mode)
    json.dump(out, sys.stdout)


main()
