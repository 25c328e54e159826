# Codec peer for bench/perf: decodes and re-encodes the same OpenFlow 1.3 messages with
# python3-openflow (Kytos pyof), N times each; prints ops/s per message as one JSON line.
# Run with Debian's /usr/bin/python3 (the module is a Debian package).
import json, sys, time
from pyof.v0x04.common.utils import unpack_message

n = int(sys.argv[1])
messages = json.loads(sys.stdin.read())  # name -> hex
out = {}
for name, hexstr in messages.items():
    raw = bytes.fromhex(hexstr)
    assert unpack_message(raw).pack() == raw, name  # the peer must agree on the bytes
    t0 = time.perf_counter()
    for _ in range(n):
        unpack_message(raw).pack()
    out[name] = n / (time.perf_counter() - t0)
print(json.dumps(out))
