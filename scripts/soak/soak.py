#!/usr/bin/env python3
"""A soak with faults (issue 14, section 5): the scale-out deployment on loopback under simulated readers and a
replying journalist, while a driver SIGKILLs and restarts the API instances and the CoverNode, crash-stops and
restarts PostgreSQL and cuts the database connections, at moments drawn from a fixed seed. Afterwards it checks that
every acknowledged real message reached the journalist exactly once, every reply reached its source once, the
streams and the CoverNode's checkpoints agree, nothing died unexpectedly and no process grew its memory across
restarts, and prints a summary. Run it with scripts/soak.sh (`make soak`), which builds `tipline` and passes the
arguments on.

The deployment is the one of Tests/IntegrationTests/DeploymentTests.swift, in its own PostgreSQL cluster (so the
database can be restarted without disturbing anybody else's): two `tipline api` over PostgreSQL, nginx from
scripts/deployment/nginx.conf.template in front (per-address request rate and connection count raised, because every
simulated app shares 127.0.0.1, and the readers' dead-drop lists cached 2 s instead of the API's 300 s, because the
readers live a virtual day per real minute), one `tipline covernode` (test mixing profile) on the PostgreSQL streams.
Beside the readers, wrk (scripts/soak/load.lua) posts a bulk load of well-formed U2C messages at --load-rate.
"""

import argparse
import base64
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PASSPHRASES = {
    "TIPLINE_VAULT_PASSPHRASE": "soak test vault passphrase",
    "TIPLINE_COVERNODE_PASSPHRASE": "soak test covernode passphrase",
}
SETTLED_AFTER = 10  # seconds a process must have run before its memory counts as settled
# The test profile releases 10 messages per U2J dead drop, so its buffer holds at most 5 real messages per journalist
# and evicts older ones (the flood defence, tested in BoundedMixTests). Every simulated source writes to the one
# journalist, so the soak lets the whole buffer (1000) serve her: any drop is then a failure.
COVERNODE_ENVIRONMENT = {"TIPLINE_MIXING_U2J_PER_RECIPIENT_CAPACITY": "1000"}
U2J_MINIMUM_RELEASE = 2  # the test mixing profile's U2J thresholdMin: fewer stay in the mix
FAULT_KINDS = ["api", "covernode", "postgres-restart", "postgres-connections"]


def log(message):
    print(f"[soak {time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_status(url, timeout=3):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except Exception:
        return None


def resident_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def parse_readers_report(report):
    """The numbers of `tipline readers`' final report that the checks use (-1 when a line is missing)."""
    def number(pattern):
        match = re.findall(pattern, report, re.MULTILINE)
        return int(match[-1]) if match else -1

    sent = re.findall(r"^messages sent[ \t]+(\d+) of (\d+)", report, re.MULTILINE)
    return {
        "sent": int(sent[-1][0]) if sent else -1,
        "attempted": int(sent[-1][1]) if sent else -1,
        "real_sent": number(r"^real messages[ \t]+(\d+) sent"),
        "replies_received": number(r"^replies received[ \t]+(\d+)"),
        "errors": number(r"^errors[ \t]+(\d+)"),
        "late_steps": number(r"^late steps[ \t]+(\d+)"),
    }


def parse_load_report(report):
    """wrk's answers by status (`load-statuses 200=N …` from load.lua), its socket errors and its p99 latency."""
    statuses = {}
    for line in report.splitlines():
        if line.startswith("load-statuses"):
            statuses = {int(k): int(v) for k, v in (part.split("=") for part in line.split()[1:])}
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", report)
    p99 = re.search(r"^load-latency-p99-ms ([\d.]+)", report, re.MULTILINE)
    return {"statuses": statuses, "acknowledged": statuses.get(200, 0),
            "answered": sum(statuses.values()),
            "socket_errors": sum(int(n) for n in errors.groups()) if errors else 0,
            "p99_ms": float(p99.group(1)) if p99 else -1.0}


def tally(real_sent, received):
    """Exactly-once accounting of real messages. `received` maps each source to the tip numbers its conversation
    holds (a source numbers its tips 1, 2, …). Lost: acknowledged messages missing from the vault, and holes in a
    source's numbering (a later tip arrived, an earlier one never did)."""
    total = sum(len(tips) for tips in received.values())
    distinct = sum(len(set(tips)) for tips in received.values())
    holes = sum(max(tips, default=0) - len(set(tips)) for tips in received.values())
    return {"total": total, "distinct": distinct, "duplicated": total - distinct,
            "lost": max(0, real_sent - distinct) + holes}


def fault_schedule(seed_random, duration, count):
    """`count` (moment in seconds, kind) pairs between 10% and 80% of `duration`, the kinds in equal shares."""
    kinds = [FAULT_KINDS[i % len(FAULT_KINDS)] for i in range(count)]
    seed_random.shuffle(kinds)
    times = sorted(seed_random.uniform(0.1, 0.8) * duration for _ in range(count))
    return list(zip(times, kinds))


class Service:
    """A long-running child process with its output appended to <name>.log, and the peak memory of each of its
    incarnations."""

    def __init__(self, soak, name, arguments, environment=None):
        self.soak, self.name, self.arguments = soak, name, arguments
        self.environment = environment or {}
        self.process = None
        self.expected_exit = False
        self.incarnations = []  # [peak RSS KiB, last RSS KiB, started, last sampled], one per start
        self.unexpected_exits = []

    def start(self, extra=()):
        env = dict(os.environ, **self.environment)
        output = open(os.path.join(self.soak.directory, f"{self.name}.log"), "ab")
        self.process = subprocess.Popen(
            self.arguments + list(extra), cwd=self.soak.directory, env=env, stdout=output, stderr=output)
        output.close()
        self.expected_exit = False
        self.incarnations.append([0, 0, time.monotonic(), time.monotonic()])

    def kill(self, sig=signal.SIGKILL):
        self.sample()
        if self.process and self.process.poll() is None:
            self.expected_exit = True
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def sample(self):
        """Records memory, and an exit nobody asked for."""
        if not self.process:
            return
        if self.process.poll() is None:
            rss = resident_kib(self.process.pid)
            if rss:
                peak, _, started, _ = self.incarnations[-1]
                self.incarnations[-1] = [max(peak, rss), rss, started, time.monotonic()]
        elif not self.expected_exit:
            self.unexpected_exits.append(self.process.returncode)
            self.expected_exit = True
            log(f"{self.name} exited unexpectedly with {self.process.returncode}; restarting it")
            self.start()


class Soak:
    def __init__(self, options):
        self.options = options
        self.directory = tempfile.mkdtemp(prefix="tipline-soak-")
        os.chmod(self.directory, 0o755)  # nginx workers drop root privileges
        # A copy, so that a rebuild during the run cannot replace the binary under a restart.
        self.binary = os.path.join(self.directory, "tipline")
        shutil.copy2(os.environ.get("TIPLINE_BINARY", os.path.join(REPO, ".build/debug/tipline")), self.binary)
        self.random = random.Random(options.seed)
        self.pg_env = dict(os.environ, TIPLINE_PG_PORT=str(options.pg_port),
                           TIPLINE_PG_DIR=os.path.join(tempfile.gettempdir(), f"tipline-soak-pg-{options.pg_port}"))
        self.faults = []  # (seconds into the run, kind, detail)
        self.services = {}
        self.stop_replies = threading.Event()
        self.stop_all = threading.Event()
        self.replies = {"queued": 0, "cycles": 0, "errors": 0, "drained": False}
        self.lock = threading.Lock()
        self.load = parse_load_report("")

    # --- setup ---------------------------------------------------------------------------------------------------

    def tool(self, arguments, timeout=60, check=True, environment=None):
        """Runs `tipline arguments…` in the run folder and returns its output."""
        env = dict(os.environ, **PASSPHRASES, **(environment or {}))
        result = subprocess.run([self.binary] + arguments, cwd=self.directory, env=env, capture_output=True,
                                text=True, timeout=timeout)
        if check and result.returncode != 0:
            raise RuntimeError(f"tipline {' '.join(arguments[:2])} failed: {result.stderr.strip()[-2000:]}")
        return result

    def psql(self, sql, database=None):
        url = self.database_url if database is None else database
        result = subprocess.run(["psql", url, "-tAq", "-v", "ON_ERROR_STOP=1", "-c", sql], capture_output=True,
                                text=True, timeout=30)
        if result.returncode != 0:
            raise RuntimeError(f"psql: {result.stderr.strip()}")
        return result.stdout.strip()

    def start_postgres(self):
        result = subprocess.run([os.path.join(REPO, "scripts/start-postgres.sh")], env=self.pg_env,
                                capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise RuntimeError(f"start-postgres.sh: {result.stderr.strip()}")
        match = re.search(r"TIPLINE_POSTGRES_URL=(\S+)", result.stdout)
        return match.group(1)

    def stop_postgres_immediately(self):
        """A crash: `pg_ctl stop -m immediate` (no checkpoint; WAL recovery at the next start)."""
        data = os.path.join(self.pg_env["TIPLINE_PG_DIR"], "data")
        pgbin = sorted(d for d in os.listdir("/usr/lib/postgresql"))[-1]
        pg_ctl = f"/usr/lib/postgresql/{pgbin}/bin/pg_ctl"
        command = f"'{pg_ctl}' -D '{data}' -m immediate -w -t 30 stop"
        if os.getuid() == 0:
            subprocess.run(["su", "postgres", "-s", "/bin/sh", "-c", command], capture_output=True, timeout=60)
        else:
            subprocess.run(["sh", "-c", command], capture_output=True, timeout=60)

    def set_up(self):
        server_url = self.start_postgres()
        name = f"tipline_soak_{os.getpid()}"
        self.psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", database=server_url)
        self.psql(f"CREATE DATABASE {name}", database=server_url)
        self.database_name = name
        self.server_url = server_url
        self.database_url = server_url.rsplit("/", 1)[0] + "/" + name
        self.tool(["admin", "init", "--keys", "keys"])
        self.tool(["admin", "add-covernode", "covernode_001", "--out", "covernode.json", "--keys", "keys"])
        self.tool(["admin", "add-journalist", "alice", "--name", "Alice", "--out", "alice.json", "--keys", "keys"])
        self.anchors = os.path.join(self.directory, "keys/trust-anchors.json")

        self.api_ports = [free_port(), free_port()]
        for index, port in enumerate(self.api_ports):
            service = Service(self, f"api-{index + 1}", [
                self.binary, "api", "--port", str(port), "--database", self.database_url,
                "--trust-anchors", self.anchors])
            self.services[service.name] = service
            service.start()
            self.wait_until(f"api-{index + 1}", lambda p=port: http_status(f"http://127.0.0.1:{p}/v1/status") == 200)
        self.start_edge()
        direct = f"http://127.0.0.1:{self.api_ports[1]}"
        self.tool(["admin", "publish", "--keys", "keys", "--api-url", direct])
        self.tool(["admin", "set-status", "AVAILABLE", "Soak test", "--keys", "keys", "--api-url", direct])
        self.journalist(["init", "--setup-bundle", "alice.json"], api=direct)
        self.journalist(["sync"], api=direct)
        covernode = Service(self, "covernode", [
            self.binary, "covernode", "--api-url", self.edge, "--state-dir", "covernode-state",
            "--postgres-url", self.database_url, "--profile", "test"], dict(PASSPHRASES, **COVERNODE_ENVIRONMENT))
        self.services["covernode"] = covernode
        covernode.start(["--setup-bundle", "covernode.json"])
        self.wait_until("the CoverNode", lambda: "journalists=1" in self.read_log("covernode"), timeout=60)

    def start_edge(self):
        template = open(os.path.join(REPO, "scripts/deployment/nginx.conf.template")).read()
        edge_port = free_port()
        self.edge = f"http://127.0.0.1:{edge_port}"
        nginx_dir = os.path.join(self.directory, "nginx")
        os.makedirs(nginx_dir)
        servers = "\n        ".join(f"server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;" for p in self.api_ports)
        dead_drops = 'proxy_cache_key "user-dead-drops$tipline_dead_drop_query";'
        connections = "limit_conn tipline_connections 32;"
        for required in ["rate=20r/s", connections, dead_drops]:
            if required not in template:
                raise RuntimeError(f"the edge template has no {required!r} to adapt")
        config = (template.replace("@LISTEN@", f"127.0.0.1:{edge_port}").replace("@UPSTREAMS@", servers)
                  .replace("@CACHE_DIR@", nginx_dir).replace("rate=20r/s", "rate=100000r/s")
                  .replace(connections, "limit_conn tipline_connections 1024;")
                  .replace(dead_drops, dead_drops + "\n            proxy_ignore_headers Cache-Control Expires;"
                           + "\n            proxy_cache_valid 200 2s;"))
        with open(os.path.join(nginx_dir, "nginx.conf"), "w") as file:
            file.write(config)
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        service = Service(self, "nginx", [nginx, "-p", nginx_dir, "-c", os.path.join(nginx_dir, "nginx.conf"),
                                          "-g", "daemon off;"])
        self.services["nginx"] = service
        service.start()
        self.wait_until("nginx", lambda: http_status(self.edge + "/v1/status") == 200)

    def wait_until(self, what, condition, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            time.sleep(0.2)
        raise RuntimeError(f"timed out waiting for {what}")

    def read_log(self, name):
        try:
            with open(os.path.join(self.directory, f"{name}.log"), errors="replace") as file:
                return file.read()
        except OSError:
            return ""

    def journalist(self, arguments, api=None, timeout=60):
        target = [] if arguments[0] in ("inbox", "read", "reply", "status") else ["--api-url", api or self.edge]
        return self.tool(["journalist"] + arguments + ["--vault", "alice.vault"] + target, timeout=timeout).stdout

    # --- the journalist ------------------------------------------------------------------------------------------

    def inbox(self):
        """[(source number, unread count)], after a sync."""
        self.journalist(["sync"])
        lines = self.journalist(["inbox"]).splitlines()
        header = next((i for i, line in enumerate(lines) if line.startswith("#")), None)
        if header is None:
            return []
        column = lines[header].index("Unread")
        rows = []
        for line in lines[header + 1:]:
            if line.strip():
                unread = (line[column:].split() or ["-"])[0]
                rows.append((int(line.split()[0]), 0 if unread == "-" else int(unread)))
        return rows

    def tips(self, source):
        """The tip numbers of `source`'s messages in the vault, in order (and marks them read)."""
        text = self.journalist(["read", str(source)])
        return [int(n) for n in re.findall(r"Tip (\d+) from a simulated source", text)]

    def conversations(self):
        """{source number: [tip numbers received, in order]}, after a sync."""
        return {source: self.tips(source) for source, _ in self.inbox()}

    def reply_loop(self):
        """Answers every new message once and runs the journalist service while replies are queued; after the
        cut-off it only empties the queue."""
        replied = {}
        while not self.stop_all.is_set():
            try:
                if not self.stop_replies.is_set():
                    for source, unread in self.inbox():
                        for tip in self.tips(source) if unread else []:
                            if tip not in replied.setdefault(source, set()):
                                self.journalist(["reply", str(source), f"Reply to tip {tip}."])
                                replied[source].add(tip)
                                with self.lock:
                                    self.replies["queued"] += 1
                queued = self.queued_replies()
                if queued > 0:
                    self.run_journalist_service(seconds=queued + 4)
                elif self.stop_replies.is_set():
                    self.replies["drained"] = True
                    log("the journalist's reply queue is empty")
                    return
                else:
                    time.sleep(1)
                with self.lock:
                    self.replies["cycles"] += 1
            except Exception as error:  # an API or the database is down right now: try again
                with self.lock:
                    self.replies["errors"] += 1
                log(f"journalist cycle failed ({str(error).splitlines()[0][:160]})")
                time.sleep(2)

    def run_journalist_service(self, seconds):
        env = dict(os.environ, **PASSPHRASES)
        output = open(os.path.join(self.directory, "journalist-run.log"), "ab")
        process = subprocess.Popen(
            [self.binary, "journalist", "run", "--vault", "alice.vault", "--api-url", self.edge, "--send-interval", "1"],
            cwd=self.directory, env=env, stdout=output, stderr=output)
        output.close()
        time.sleep(seconds)
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def queued_replies(self):
        match = re.search(r"Replies queued\s+(\d+)", self.journalist(["status"]))
        return int(match.group(1)) if match else -1

    # --- the bulk load ------------------------------------------------------------------------------------------

    def run_load(self, seconds):
        """Runs wrk (scripts/soak/load.lua) against the edge for `seconds` at about --load-rate messages per second
        and records what it reports: answers by status, and the p99 latency."""
        connections = 32
        body = base64.b64encode(random.Random(self.options.seed).randbytes(773)).decode()
        environment = dict(os.environ, TIPLINE_LOAD_BODY=body,
                           TIPLINE_LOAD_DELAY_MS=f"{connections * 1000 / self.options.load_rate:.3f}")
        result = subprocess.run(
            ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds:.0f}s", "--timeout", "10s",
             "-s", os.path.join(REPO, "scripts/soak/load.lua"), self.edge],
            env=environment, capture_output=True, text=True, timeout=seconds + 120)
        with open(os.path.join(self.directory, "load.log"), "w") as file:
            file.write(result.stdout + result.stderr)
        self.load = parse_load_report(result.stdout)
        self.load["seconds"] = seconds
        log(f"bulk load finished: {self.load['statuses']}")

    # --- faults --------------------------------------------------------------------------------------------------

    def schedule_faults(self, duration):
        count = self.options.faults if self.options.faults is not None else max(4, round(duration / 60 * 4))
        return fault_schedule(self.random, duration, count)

    def inject(self, kind, started):
        at = time.monotonic() - started
        if kind == "api":
            name = self.random.choice(["api-1", "api-2"])
            down = self.random.uniform(1, 5)
            self.services[name].kill()
            time.sleep(down)
            self.services[name].start()
            self.faults.append((at, kind, f"SIGKILL {name}, restarted after {down:.1f} s"))
        elif kind == "covernode":
            down = self.random.uniform(1, 5)
            self.services["covernode"].kill()
            time.sleep(down)
            self.services["covernode"].start()
            self.faults.append((at, kind, f"SIGKILL covernode, restarted after {down:.1f} s"))
        elif kind == "postgres-restart":
            down = self.random.uniform(1, 3)
            self.stop_postgres_immediately()
            time.sleep(down)
            self.start_postgres()
            self.faults.append((at, kind, f"pg_ctl stop -m immediate, started after {down:.1f} s"))
        else:
            killed = self.psql(f"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                               f"WHERE datname = '{self.database_name}' AND pid <> pg_backend_pid()")
            self.faults.append((at, kind, f"pg_terminate_backend on {killed} connections"))
        log(f"fault at {at:.0f} s: {self.faults[-1][2]}")

    # --- the run -------------------------------------------------------------------------------------------------

    def run(self):
        options = self.options
        duration = options.minutes * 60
        log(f"seed {options.seed}, {options.minutes} min, run folder {self.directory}")
        self.set_up()
        log(f"deployment up: nginx {self.edge}, APIs {self.api_ports}, PostgreSQL {self.server_url}")

        ticks = options.days * 86400 / (options.tick_minutes * 60)
        line_buffered = ["stdbuf", "-oL"] if shutil.which("stdbuf") else []  # progress lines reach the log at once
        readers = Service(self, "readers", line_buffered + [
            self.binary, "readers", "--api", self.edge, "--trust-anchors", self.anchors,
            "--readers", str(options.readers), "--sources", str(options.sources),
            "--messages-per-source", "1000", "--days", str(options.days), "--tick-minutes", str(options.tick_minutes),
            "--opens-per-day", str(options.opens_per_day), "--concurrency", "16", "--real-seconds-per-tick", f"{duration / ticks:.4f}"])
        self.services["readers"] = readers
        started = time.monotonic()
        readers.start()
        replier = threading.Thread(target=self.reply_loop, daemon=True)
        replier.start()
        loader = threading.Thread(target=self.run_load, args=(duration,), daemon=True)
        if options.load_rate > 0:
            loader.start()

        pending = self.schedule_faults(duration)
        hard_stop = started + duration * 2 + 120
        while readers.process.poll() is None:
            now = time.monotonic()
            if now > hard_stop:
                readers.kill()
                raise RuntimeError("the readers did not finish within twice the run's length")
            # The cut-off follows the readers' own progress (they fall behind their pace on a loaded machine), so
            # the rest of their run always has time to fetch the last replies.
            progress = re.findall(r"^(\d+)% ", self.read_log("readers"), re.MULTILINE)
            if progress and int(progress[-1]) >= options.reply_until * 100 and not self.stop_replies.is_set():
                log(f"replies stop at {progress[-1]}% of the readers' run (the rest lets them reach their sources)")
                self.stop_replies.set()
            if pending and now - started >= pending[0][0]:
                self.inject(pending.pop(0)[1], started)
            for service in self.services.values():
                if service is not readers:
                    service.sample()
            time.sleep(0.5)
        readers.expected_exit = True
        if loader.is_alive():
            loader.join(timeout=duration + 180)
        for service in self.services.values():
            service.sample()
        self.stored_after_load = int(self.psql("SELECT count(*) FROM u2c_messages"))
        self.stop_replies.set()
        self.stop_all.set()
        replier.join(timeout=120)
        elapsed = time.monotonic() - started
        report = self.read_log("readers")
        log(f"readers finished after {elapsed:.0f} s")
        return self.check(report, elapsed)

    # --- the checks ----------------------------------------------------------------------------------------------

    def check(self, report, elapsed):
        numbers = parse_readers_report(report)
        if numbers["sent"] < 0 or numbers["real_sent"] < 0:
            raise RuntimeError(f"no report from tipline readers:\n{report[-2000:]}")
        sent, attempted, real_sent = numbers["sent"], numbers["attempted"], numbers["real_sent"]
        replies_received, reader_errors, late_steps = (
            numbers["replies_received"], numbers["errors"], numbers["late_steps"])

        # The CoverNode catches up with both streams. A U2J release takes at least 2 messages (test profile), so
        # a short run of cover traffic (no sources) pushes the run's last real message out of the mix.
        def stream_state():
            rows = dict(line.split("|") for line in self.psql(
                "SELECT 'u2c', coalesce(max(position), 0) FROM u2c_messages UNION ALL "
                "SELECT 'j2c', coalesce(max(position), 0) FROM j2c_messages UNION ALL "
                "SELECT 'u2c unreleased', count(*) FROM u2c_messages WHERE position > (SELECT coalesce(max(position), "
                "0) FROM stream_checkpoints WHERE consumer = 'covernode-u2j') UNION ALL "
                "SELECT 'j2c unreleased', count(*) FROM j2c_messages WHERE position > (SELECT coalesce(max(position), "
                "0) FROM stream_checkpoints WHERE consumer = 'covernode-j2u') UNION ALL "
                "SELECT consumer, position FROM stream_checkpoints").splitlines())
            return {key: int(value) for key, value in rows.items()}

        def caught_up(state):
            return (state["u2c unreleased"] < U2J_MINIMUM_RELEASE and state["j2c unreleased"] == 0
                    and state.get("covernode-u2j", 0) <= state["u2c"] and state.get("covernode-j2u", 0) <= state["j2c"])

        self.tool(["readers", "--api", self.edge, "--trust-anchors", self.anchors, "--readers", "4", "--sources", "0",
                   "--days", "0.05"], timeout=300)
        self.wait_until("the CoverNode to catch up with both streams", lambda: caught_up(stream_state()), timeout=120)
        streams = stream_state()
        deadline = time.monotonic() + 120
        while True:
            received = self.conversations()
            if sum(len(set(t)) for t in received.values()) >= real_sent or time.monotonic() > deadline:
                break
            time.sleep(3)
        time.sleep(8)  # one more mixing timeout: nothing may arrive twice
        received = self.conversations()
        queued = self.queued_replies()

        counts = tally(real_sent, received)
        total, distinct, duplicates, lost = counts["total"], counts["distinct"], counts["duplicated"], counts["lost"]
        replies_sent = self.replies["queued"] - max(queued, 0)
        unexpected = {name: s.unexpected_exits for name, s in self.services.items() if s.unexpected_exits}
        # Settled memory: the last sample of each start that ran for at least SETTLED_AFTER seconds (a start's
        # first moments include the key store's Argon2id, ~250 MiB for the CoverNode).
        memory = {name: [last // 1024 if seen - started >= SETTLED_AFTER else None
                         for _, last, started, seen in s.incarnations]
                  for name, s in self.services.items() if name != "readers"}
        peaks = {name: [peak // 1024 for peak, *_ in s.incarnations] for name, s in self.services.items()
                 if name != "readers"}
        grew = {}
        for name, values in memory.items():
            settled = [v for v in values if v]
            if len(settled) > 1 and max(settled) > 2 * settled[0]:
                grew[name] = values
        load = self.load
        acknowledged_all = sent + load["acknowledged"]
        mix_drops = [line for line in self.read_log("covernode").splitlines()
                     if "the mixing buffer dropped real messages" in line]

        gates = [
            ("every acknowledged real message reached the journalist", lost == 0),
            ("no real message arrived twice", duplicates == 0),
            ("every reply reached its source once",
             replies_received == replies_sent and queued == 0 and self.replies["drained"]),
            ("the streams and the CoverNode's checkpoints agree", caught_up(streams)),
            ("the CoverNode's mix dropped no real message", not mix_drops),
            ("every acknowledged U2C message is in the stream", self.stored_after_load >= acknowledged_all),
            ("the bulk load ran", self.options.load_rate == 0 or load["acknowledged"] > 0),
            ("no bulk message was refused as malformed", load["statuses"].get(400, 0) == 0),
            ("no process exited unexpectedly", not unexpected),
            ("no process's memory doubled across restarts", not grew),
            ("faults were injected", len(self.faults) > 0),
        ]
        by_kind = {kind: sum(1 for f in self.faults if f[1] == kind) for kind in FAULT_KINDS}
        print()
        print("=== soak summary ===")
        print(f"seed                      {self.options.seed}")
        print(f"run                       {elapsed:.0f} s ({self.options.minutes} min planned), {self.options.readers} "
              f"readers, {self.options.sources} sources, {self.options.days} virtual days, {late_steps} late steps")
        print(f"messages (U2C)            {sent} acknowledged of {attempted} attempted "
              f"({sent / elapsed:.1f}/s), reader errors {reader_errors} (requests refused while an API, the "
              f"CoverNode or PostgreSQL was down; unacknowledged messages stay queued)")
        load_seconds = max(load.get("seconds", 0), 1)
        print(f"bulk load                 {load['acknowledged']} acknowledged of {load['answered']} answered "
              f"({load['acknowledged'] / load_seconds:.0f}/s at a requested {self.options.load_rate}/s), by status "
              f"{load['statuses']}, {load['socket_errors']} socket errors, p99 {load['p99_ms']:.0f} ms")
        print(f"stream                    {self.stored_after_load} U2C messages stored for {acknowledged_all} "
              f"acknowledged (a message stored before its answer was cut off counts once, unacknowledged)")
        print(f"real messages             {real_sent} acknowledged, {distinct} received ({total} with duplicates), "
              f"lost {lost}, duplicated {duplicates}")
        print(f"replies                   {self.replies['queued']} queued, {replies_sent} sent, {replies_received} "
              f"received by sources ({self.replies['cycles']} journalist cycles, {self.replies['errors']} failed)")
        print(f"streams                   u2c last position {streams['u2c']}, checkpoint {streams.get('covernode-u2j')} "
              f"({streams['u2c unreleased']} in the mix); j2c last position {streams['j2c']}, checkpoint "
              f"{streams.get('covernode-j2u')} ({streams['j2c unreleased']} in the mix)")
        print(f"faults                    {len(self.faults)}: " + ", ".join(f"{k} {v}" for k, v in by_kind.items()))
        for at, kind, detail in self.faults:
            print(f"  {at:6.0f} s  {detail}")
        print("RSS (MiB) per start       settled " + "; ".join(f"{n} {p}" for n, p in memory.items()))
        print("                          peak " + "; ".join(f"{n} {p}" for n, p in peaks.items()))
        if unexpected:
            print(f"unexpected exits          {unexpected}")
        for line in mix_drops:
            print(f"CoverNode                 {line.strip()[:200]}")
        for name, passed in gates:
            print(f"{'PASS' if passed else 'FAIL'}  {name}")
        return all(passed for _, passed in gates)

    def tear_down(self, keep):
        for service in self.services.values():
            service.kill(signal.SIGTERM)
        if not hasattr(self, "database_url"):
            keep = False  # set-up failed before the database existed
        if keep:
            log(f"logs kept in {self.directory}; database {self.database_url} kept (stop it with "
                f"TIPLINE_PG_PORT={self.options.pg_port} TIPLINE_PG_DIR={self.pg_env['TIPLINE_PG_DIR']} "
                "scripts/stop-postgres.sh)")
            return
        try:
            self.psql(f"DROP DATABASE IF EXISTS {self.database_name} WITH (FORCE)", database=self.server_url)
        except Exception:
            pass
        subprocess.run([os.path.join(REPO, "scripts/stop-postgres.sh")], env=self.pg_env, capture_output=True)
        shutil.rmtree(self.directory, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=5, help="length of the load (default 5)")
    parser.add_argument("--seed", type=int, default=20261202, help="seed of the fault schedule (default 20261202)")
    parser.add_argument("--faults", type=int, help="number of faults (default 4 per minute, at least 4)")
    parser.add_argument("--load-rate", type=int, default=3000,
                        help="bulk U2C messages per second posted through the edge by wrk (default 3000; 0: none)")
    parser.add_argument("--readers", type=int, default=40, help="simulated reader apps (default 40)")
    parser.add_argument("--sources", type=int, default=10, help="of which sources (default 10)")
    parser.add_argument("--days", type=float, help="virtual days (default: one per real minute)")
    parser.add_argument("--opens-per-day", type=float, default=12,
                        help="app opens per reader per virtual day (default 12: a source sees a reply within seconds)")
    parser.add_argument("--tick-minutes", type=int, default=5, help="virtual minutes per step (default 5)")
    parser.add_argument("--reply-until", type=float, default=0.6,
                        help="share of the readers' run during which the journalist replies (default 0.6; the readers "
                             "report progress in tenths)")
    parser.add_argument("--pg-port", type=int, default=int(os.environ.get("TIPLINE_SOAK_PG_PORT", 54339)),
                        help="port of the soak's own PostgreSQL cluster (default 54339)")
    parser.add_argument("--keep", action="store_true", help="keep the run folder (logs) after a passing run")
    options = parser.parse_args()
    if options.days is None:
        options.days = options.minutes
    soak = Soak(options)
    passed = False
    try:
        passed = soak.run()
    except Exception as error:
        log(f"error: {error}")
    finally:
        soak.tear_down(keep=options.keep or not passed)
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
