#!/usr/bin/env python3
"""Summarizes a schemathesis NDJSON report (scripts/api-contract.sh): requests and status codes per operation of
docs/openapi.yaml, and the number of 5xx responses. Usage: api-contract-summary.py REPORT.ndjson"""
import collections
import json
import pathlib
import re
import sys
import urllib.parse

import yaml

METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}


def operations():
    spec = yaml.safe_load((pathlib.Path(__file__).resolve().parent.parent / "docs/openapi.yaml").read_text())
    result = []
    for path, item in spec["paths"].items():
        pattern = re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path)) + "$")
        for method in item:
            if method in METHODS:
                result.append((method.upper(), path, pattern))
    return result


def interactions(node):
    if isinstance(node, dict):
        request, response = node.get("request"), node.get("response")
        if isinstance(request, dict) and "method" in request and "uri" in request:
            status = response.get("status_code") if isinstance(response, dict) else None
            yield request["method"].upper(), request["uri"], status
            return
        for value in node.values():
            yield from interactions(value)
    elif isinstance(node, list):
        for value in node:
            yield from interactions(value)


def main(report):
    known = operations()
    counts = collections.defaultdict(collections.Counter)
    for line in pathlib.Path(report).read_text().splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            continue
        for method, uri, status in interactions(event):
            path = urllib.parse.urlsplit(uri).path
            name = next((f"{m} {p}" for m, p, rx in known if m == method and rx.match(path)), f"{method} (other)")
            counts[name][status] += 1
    total = sum(sum(c.values()) for c in counts.values())
    errors = sum(n for c in counts.values() for s, n in c.items() if isinstance(s, int) and s >= 500)
    print(f"{'operation':<66} {'requests':>8}  statuses")
    for name in sorted(counts):
        statuses = ", ".join(f"{s}×{n}" for s, n in sorted(counts[name].items(), key=lambda x: str(x[0])))
        print(f"{name:<66} {sum(counts[name].values()):>8}  {statuses}")
    untested = sorted(f"{m} {p}" for m, p, _ in known if f"{m} {p}" not in counts)
    print(f"total: {total} requests over {len(counts)} operations; 5xx responses: {errors}; "
          f"operations without a request: {len(untested)} {untested if untested else ''}")


if __name__ == "__main__":
    main(sys.argv[1])
