"""Reads a loopback packet capture (classic pcap) into per-app HTTP exchanges, using only what an on-path observer
of TLS traffic sees: addresses, ports, times and TCP payload sizes. Payload bytes are never read (the capture is
taken with a short snap length, so they are not even on disk)."""

import struct
from collections import defaultdict

LINK_HEADERS = {0: 4, 1: 14, 113: 16, 276: 20}


def packets(path, edge_port):
    """Yields (time, app_address, connection, upward, payload_bytes) for every TCP packet to or from the edge."""
    with open(path, "rb") as handle:
        header = handle.read(24)
        magic = header[:4]
        if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
            endian = "<"
        elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
            endian = ">"
        else:
            raise ValueError("not a classic pcap file")
        nanos = magic in (b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d")
        link = struct.unpack(endian + "I", header[20:24])[0]
        skip = LINK_HEADERS.get(link)
        if skip is None:
            raise ValueError(f"unsupported link type {link}")
        record = struct.Struct(endian + "IIII")
        while True:
            head = handle.read(16)
            if len(head) < 16:
                return
            seconds, fraction, included, _ = record.unpack(head)
            data = handle.read(included)
            time = seconds + fraction / (1e9 if nanos else 1e6)
            ip = data[skip:]
            if len(ip) < 20 or ip[0] >> 4 != 4 or ip[9] != 6:
                continue
            ihl = (ip[0] & 15) * 4
            total = struct.unpack(">H", ip[2:4])[0]
            tcp = ip[ihl:]
            if len(tcp) < 14:
                continue
            sport, dport = struct.unpack(">HH", tcp[:4])
            offset = (tcp[12] >> 4) * 4
            payload = total - ihl - offset
            source, destination = ".".join(map(str, ip[12:16])), ".".join(map(str, ip[16:20]))
            if dport == edge_port:
                yield time, destination, (destination, sport), True, payload
            elif sport == edge_port:
                yield time, source, (source, dport), False, payload


def exchanges(path, edge_port):
    """Per app address: its connections and its exchanges, one per request/response pair, in time order.

    An exchange is a run of upward payload followed by a run of downward payload on one connection (HTTP/1.1
    without pipelining): (start time, upward bytes, downward bytes, connection)."""
    apps = defaultdict(lambda: {"connections": set(), "exchanges": [], "packets_up": 0, "packets_down": 0})
    open_exchange = {}
    for time, app, connection, upward, payload in packets(path, edge_port):
        state = apps[app]
        state["connections"].add(connection)
        if payload <= 0:
            continue
        state["packets_up" if upward else "packets_down"] += 1
        current = open_exchange.get(connection)
        if upward and (current is None or current[2] > 0):
            current = [time, 0, 0, connection]
            open_exchange[connection] = current
            state["exchanges"].append(current)
        if current is None:
            continue
        current[1 if upward else 2] += payload
    for state in apps.values():
        state["exchanges"].sort(key=lambda exchange: exchange[0])
    return apps
