"""Renders scripts/deployment/nginx.conf.template for the anonymity harness: the production edge configuration,
listening on one loopback address per app (127.100.100.101, 127.100.100.102, …) so that a capture separates the apps.

Three changes, because every simulated app shares one machine and the run compresses time: the per-client-address
limits (limit_conn, limit_req) are removed, since on loopback every app connects from 127.0.0.1 and they would count
as one client; nginx gets enough connections and file descriptors for one listening socket per app; and the readers'
dead-drop lists are cached for 1 s instead of the API's max-age of 300 s, which at the harness's time scale (a
10-minute step every second or less) would hide every new dead drop for days of virtual time."""

import argparse
import os


def address(number):
    """As PopulationSettings.loopbackAddress(ofApp:): three digits in every part, so every Host header is as long."""
    return f"127.{100 + number // (156 * 156)}.{100 + number // 156 % 156}.{100 + number % 156}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--template", required=True)
    parser.add_argument("--apps", type=int, required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--upstream", required=True)
    parser.add_argument("--work", required=True)
    arguments = parser.parse_args()
    os.makedirs(arguments.work, exist_ok=True)
    os.chmod(arguments.work, 0o755)
    with open(arguments.template) as handle:
        text = handle.read()
    listens = "\n        ".join(f"listen {address(n)}:{arguments.port};" for n in range(1, arguments.apps + 1))
    text = (text.replace("listen @LISTEN@;", listens)
            .replace("@UPSTREAMS@", f"server {arguments.upstream} max_fails=1 fail_timeout=10s;")
            .replace("@CACHE_DIR@", arguments.work)
            .replace("events { worker_connections 1024; }",
                     f"worker_rlimit_nofile {4 * arguments.apps + 4096};\n"
                     f"events {{ worker_connections {3 * arguments.apps + 2048}; }}"))
    key = 'proxy_cache_key "user-dead-drops$tipline_dead_drop_query";'
    if key not in text:
        raise SystemExit("edge: the template's user dead-drop cache key changed; update Tests/Anonymity/edge.py")
    text = text.replace(key, key + "\n            proxy_ignore_headers Cache-Control Expires;\n"
                        "            proxy_cache_valid 200 1s;")
    kept = [line for line in text.splitlines()
            if not line.strip().startswith(("limit_conn ", "limit_req ", "limit_conn_zone", "limit_req_zone"))]
    print("\n".join(kept))


if __name__ == "__main__":
    main()
