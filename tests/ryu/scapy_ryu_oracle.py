# An independent oracle for Ryu's packet expressions: each Ryu packet class is a small
# function with the defaults of Ryu's constructor (ryu/lib/packet/*.py), building scapy
# layers; the expression is evaluated by Python itself in that namespace (this is test
# code, not the project's reader), serialized by scapy, then given Ryu's serializer rules
# that scapy does not share: Ethernet padding to 46 payload bytes per Ethernet header, and
# transport checksums over a pseudo-header holding the IP header's own protocol field.
#
# stdin: JSON list of lists of expression strings. stdout: JSON list of {"hex"} or {"error"}.
import ipaddress
import json
import struct
import sys

from scapy.all import (AH, ARP, ICMP, IP, SCTP, TCP, UDP, Dot1AD, Dot1Q, Ether,
                       ICMPv6EchoReply, ICMPv6EchoRequest, ICMPv6ND_NA, ICMPv6ND_NS,
                       ICMPv6NDOptDstLLAddr, ICMPv6NDOptSrcLLAddr, ICMPv6Unknown, IPv6,
                       IPv6ExtHdrHopByHop, NoPayload, Packet, PadN, Raw, SCTPChunkData, BitField,
                       X3BytesField, checksum)
from scapy.contrib.mpls import MPLS


class ITag(Packet):
    name = "I-TAG"
    fields_desc = [BitField("pcp", 0, 3), BitField("dei", 0, 1), BitField("uca", 0, 1),
                   BitField("res", 0, 3), X3BytesField("isid", 0)]


class Part:
    """A Ryu sub-object (echo, nd_neighbor, ...): its class and arguments."""

    def __init__(self, cls, **kw):
        self.cls = cls
        self.kw = kw


def ethernet(dst='ff:ff:ff:ff:ff:ff', src='00:00:00:00:00:00', ethertype=0x0800):
    return Ether(dst=dst, src=src, type=ethertype)


def vlan(pcp=0, cfi=0, vid=0, ethertype=0x0800):
    return Dot1Q(prio=pcp, id=cfi, vlan=vid, type=ethertype)


def svlan(pcp=0, cfi=0, vid=0, ethertype=0x8100):
    return Dot1AD(prio=pcp, id=cfi, vlan=vid, type=ethertype)


def mpls(label=0, exp=0, bsb=1, ttl=255):
    return MPLS(label=label, cos=exp, s=bsb, ttl=ttl)


def itag(pcp=0, dei=0, uca=0, sid=0):
    return ITag(pcp=pcp, dei=dei, uca=uca, isid=sid)


def arp(hwtype=1, proto=0x0800, hlen=6, plen=4, opcode=1, src_mac='ff:ff:ff:ff:ff:ff',
        src_ip='0.0.0.0', dst_mac='ff:ff:ff:ff:ff:ff', dst_ip='0.0.0.0'):
    return ARP(hwtype=hwtype, ptype=proto, hwlen=hlen, plen=plen, op=opcode, hwsrc=src_mac,
               psrc=src_ip, hwdst=dst_mac, pdst=dst_ip)


def ipv4(version=4, header_length=5, tos=0, total_length=0, identification=0, flags=0,
         offset=0, ttl=255, proto=0, csum=0, src='10.0.0.1', dst='10.0.0.2', option=None):
    assert option is None
    return IP(version=version, ihl=header_length, tos=tos, len=total_length or None,
              id=identification, flags=flags, frag=offset, ttl=ttl, proto=proto,
              chksum=csum or None, src=src, dst=dst)


def ipv6(version=6, traffic_class=0, flow_label=0, payload_length=0, nxt=6, hop_limit=255,
         src='10::10', dst='20::20', ext_hdrs=None):
    p = IPv6(version=version, tc=traffic_class, fl=flow_label, plen=payload_length or None,
             nh=nxt, hlim=hop_limit, src=src, dst=dst)
    for h in ext_hdrs or []:
        p = p / h
    return p


def hop_opts(nxt=6, size=0, data=None):
    assert data is None
    return IPv6ExtHdrHopByHop(nh=nxt, len=size, autopad=0, options=[PadN(optdata=b'\x00' * 4)])


def auth(nxt=6, size=2, spi=0, seq=0, data=b'\x00\x00\x00\x00'):
    return AH(nh=nxt, payloadlen=size, spi=spi, seq=seq, icv=data)


def tcp_options(option):
    if option is None:
        return []
    names = {0: ('EOL', None), 1: ('NOP', None)}
    return [names[b] for b in option]


def tcp(src_port=1, dst_port=1, seq=0, ack=0, offset=0, bits=0, window_size=0, csum=0,
        urgent=0, option=None):
    return TCP(sport=src_port, dport=dst_port, seq=seq, ack=ack, dataofs=offset or None,
               flags=bits, window=window_size, chksum=csum or None, urgptr=urgent,
               options=tcp_options(option))


def udp(src_port=1, dst_port=1, total_length=0, csum=0):
    return UDP(sport=src_port, dport=dst_port, len=total_length or None, chksum=csum or None)


def echo(id_=0, seq=0, data=None):
    return Part('echo', id_=id_, seq=seq, data=data)


def dest_unreach(data_len=0, mtu=0, data=None):
    return Part('dest_unreach', data_len=data_len, mtu=mtu, data=data)


def icmp(type_=8, code=0, csum=0, data=b''):
    if not data:
        data = echo()
    kw = dict(type=type_, code=code, chksum=csum or None)
    if data.cls == 'echo':
        return ICMP(id=data.kw['id_'], seq=data.kw['seq'], **kw) / Raw(data.kw['data'] or b'')
    # dest_unreach: one unused byte, the length, the next-hop MTU.
    return ICMP(length=data.kw['data_len'], nexthopmtu=data.kw['mtu'], **kw) / \
        Raw(data.kw['data'] or b'')


def icmpv6echo(id_=0, seq=0, data=None):
    return Part('icmpv6echo', id_=id_, seq=seq, data=data)


def nd_neighbor(res=0, dst='::', option=None):
    return Part('nd_neighbor', res=res, dst=dst, option=option)


def nd_option_sla(length=0, hw_src='00:00:00:00:00:00', data=None):
    return ICMPv6NDOptSrcLLAddr(lladdr=hw_src)


def nd_option_tla(length=0, hw_src='00:00:00:00:00:00', data=None):
    return ICMPv6NDOptDstLLAddr(lladdr=hw_src)


def icmpv6(type_=0, code=0, csum=0, data=b''):
    ck = csum or None
    if isinstance(data, Part) and data.cls == 'icmpv6echo':
        if type_ in (128, 129):
            cls = ICMPv6EchoRequest if type_ == 128 else ICMPv6EchoReply
            return cls(code=code, cksum=ck, id=data.kw['id_'], seq=data.kw['seq'],
                       data=data.kw['data'] or b'')
        body = struct.pack('!HH', data.kw['id_'], data.kw['seq']) + (data.kw['data'] or b'')
        return ICMPv6Unknown(type=type_, code=code, cksum=ck, msgbody=body)
    if isinstance(data, Part) and data.cls == 'nd_neighbor':
        res = data.kw['res']
        if type_ == 135:
            p = ICMPv6ND_NS(code=code, cksum=ck, res=res << 29, tgt=data.kw['dst'])
        else:
            p = ICMPv6ND_NA(code=code, cksum=ck, R=res >> 2 & 1, S=res >> 1 & 1, O=res & 1,
                            tgt=data.kw['dst'])
        return p / data.kw['option'] if data.kw['option'] is not None else p
    raise ValueError('unsupported icmpv6 data')


def chunk_data(unordered=0, begin=0, end=0, length=0, tsn=0, sid=0, seq=0, payload_id=0,
               payload_data=None):
    return SCTPChunkData(unordered=unordered, beginning=begin, ending=end, len=length or None,
                         tsn=tsn, stream_id=sid, stream_seq=seq, proto_id=payload_id,
                         data=payload_data)


def sctp(src_port=1, dst_port=1, vtag=0, csum=0, chunks=None):
    p = SCTP(sport=src_port, dport=dst_port, tag=vtag, chksum=csum or None)
    for c in chunks or []:
        p = p / c
    return p


class netaddr:
    @staticmethod
    def EUI(n):
        return ':'.join('%02x' % ((n >> s) & 255) for s in range(40, -8, -8))

    @staticmethod
    def IPAddress(n):
        if n < 2 ** 32:
            return '.'.join(str((n >> s) & 255) for s in (24, 16, 8, 0))
        return ':'.join('%04x' % ((n >> s) & 0xffff) for s in range(112, -16, -16))


def randint(lo, hi):
    return hi  # the TypeScript side is given the same rule


ICMPV6_MESSAGES = (ICMPv6EchoRequest, ICMPv6EchoReply, ICMPv6ND_NS, ICMPv6ND_NA, ICMPv6Unknown)
NAMESPACE = {k: v for k, v in globals().items() if not k.startswith('_')}


def ryu_rules(pkt):
    """Ryu's serializer rules scapy does not share; returns the final bytes."""
    data = bytearray(bytes(pkt))
    layers, off, layer = [], 0, pkt
    while True:
        layers.append((layer, off))
        off += len(layer) - len(layer.payload)
        if isinstance(layer.payload, NoPayload):
            break
        layer = layer.payload
    # TCP, UDP and ICMPv6 checksums: Ryu's pseudo-header carries the IP header's own
    # protocol field (packet_utils.checksum_ip uses ipv4.proto / ipv6.nxt), which differs
    # from the transport's number when the IP header says otherwise or extension headers
    # follow it; and a computed 0 stays 0.
    ip = None
    for l, o in layers:
        if isinstance(l, (IP, IPv6)):
            ip = l
        at = {TCP: 16, UDP: 6}.get(type(l), 2 if isinstance(l, ICMPV6_MESSAGES) else None)
        if at is None or ip is None:
            continue
        seg = bytearray(data[o:])
        seg[at:at + 2] = b'\x00\x00'
        if isinstance(ip, IP):
            ph = (ipaddress.IPv4Address(ip.src).packed + ipaddress.IPv4Address(ip.dst).packed
                  + struct.pack('!xBH', ip.proto, len(seg)))
        else:
            ph = (ipaddress.IPv6Address(ip.src).packed + ipaddress.IPv6Address(ip.dst).packed
                  + struct.pack('!I3xB', len(seg), ip.nh))
        data[o + at:o + at + 2] = struct.pack('!H', checksum(ph + bytes(seg)))
        break
    # Each Ethernet header pads its payload to 46 bytes, innermost first, zeros at the end.
    pad = 0
    for l, o in reversed(layers):
        if isinstance(l, Ether):
            payload = len(data) + pad - o - 14
            if payload < 46:
                pad += 46 - payload
    return bytes(data) + b'\x00' * pad


def main():
    out = []
    for exprs in json.load(sys.stdin):
        try:
            pkt = eval('/'.join(exprs), dict(NAMESPACE))
            out.append({'hex': ryu_rules(pkt).hex()})
        except Exception as e:  # reported per packet
            out.append({'error': '%s: %s' % (type(e).__name__, e)})
    json.dump(out, sys.stdout)


main()
