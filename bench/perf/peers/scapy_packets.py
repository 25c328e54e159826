# Packet peer for bench/perf: builds and dissects the same two frames as the packet library's
# perf scenario with scapy, N times each; prints frames/s per frame and direction as one JSON
# line. Run with Debian's /usr/bin/python3 (python3-scapy is a Debian package).
import json
import logging
import sys
import time

logging.getLogger("scapy").setLevel(logging.ERROR)
from scapy.layers.l2 import Dot1Q, Ether  # noqa: E402
from scapy.layers.inet import IP, TCP  # noqa: E402
from scapy.layers.inet6 import IPv6, ICMPv6ND_NS, ICMPv6NDOptSrcLLAddr  # noqa: E402


def tcp():
    return bytes(Ether(dst="00:01:02:03:04:05", src="00:06:07:08:09:0a") / Dot1Q(prio=3, vlan=100)
                 / IP(src="192.168.0.1", dst="10.20.30.40", ttl=64, id=1)
                 / TCP(sport=1234, dport=80, seq=1, flags=0x18, window=8192) / (b"D" * 46))


def ns():
    return bytes(Ether(dst="33:33:ff:00:00:02", src="00:06:07:08:09:0a")
                 / IPv6(src="fe80::206:7ff:fe08:90a", dst="ff02::1:ff00:2", hlim=255)
                 / ICMPv6ND_NS(tgt="2001:db8::2") / ICMPv6NDOptSrcLLAddr(lladdr="00:06:07:08:09:0a"))


n = int(sys.argv[1])
expected = json.loads(sys.stdin.read())  # name -> hex of the library's bytes
out = {}
for name, make in (("VLAN/IPv4/TCP", tcp), ("IPv6/ICMPv6 NS", ns)):
    data = make()
    assert data.hex() == expected[name], name  # the peer must build the same bytes
    t0 = time.perf_counter()
    for _ in range(n):
        make()
    t1 = time.perf_counter()
    for _ in range(n):
        Ether(data)
    t2 = time.perf_counter()
    out[name] = {"build": n / (t1 - t0), "parse": n / (t2 - t1)}
print(json.dumps(out))
