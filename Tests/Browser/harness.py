"""Starts a whole Tipline on loopback for the browser tests and the screenshots.

Everything is a real process in a fresh temporary folder: `tipline serve` (API, appender and CoverNode over one
SQLite file), `tipline admin add-journalist` + `tipline journalist init` (a journalist and her vault), a simulated
source (`tipline readers`) and `tipline journalist ui` (the journalist's desk). `Desk.close()` ends every process
it started (SIGTERM to its process group, then SIGKILL) and removes the folder, also after a failure.
"""

import atexit
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
JOURNALIST_ID = "alice"
PASSPHRASE = "correct horse battery staple"
SOURCE_TEXT = "<script>alert(1)</script> The documents are in locker 12."
CHROMIUM = os.environ.get("TIPLINE_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("TIPLINE_CHROMEDRIVER", "/usr/bin/chromedriver")


# What is still running at exit: closed even when the run is interrupted (SIGINT, or SIGTERM, turned into
# KeyboardInterrupt so that unittest stops and the interpreter exits normally). Only SIGKILL can leak processes.
_cleanups = []


@atexit.register
def _clean_up():
    while _cleanups:
        try:
            _cleanups.pop()()
        except Exception:  # noqa: BLE001 (best effort at exit)
            pass


signal.signal(signal.SIGTERM, signal.default_int_handler)


def tipline_binary():
    """The built binary: TIPLINE_BINARY, else .build/debug/tipline."""
    return os.environ.get("TIPLINE_BINARY") or os.path.join(REPO, ".build", "debug", "tipline")


def wait_until(what, condition, timeout, interval=0.25):
    """Polls `condition` until it returns something truthy (which is returned) or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = condition()
        except (OSError, ValueError, http.client.HTTPException):
            result = None
        if result:
            return result
        if time.monotonic() >= deadline:
            raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


class Response:
    """A raw HTTP response: status, headers (all values of a name with `header_list`) and body text."""

    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def header(self, name):
        return self.headers.get(name)

    def header_list(self, name):
        return self.headers.get_all(name) or []


def http_request(port, method, path, headers=None, body=None, host="127.0.0.1"):
    """One request to 127.0.0.1:port without following redirects; `host` only changes the Host header."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", f"{host}:{port}" if ":" not in host else host)
        payload = body.encode() if isinstance(body, str) else body
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        if payload is not None:
            connection.putheader("Content-Length", str(len(payload)))
        connection.endheaders(payload)
        response = connection.getresponse()
        return Response(response.status, response.headers, response.read().decode("utf-8", "replace"))
    finally:
        connection.close()


class Desk:
    """One Tipline server, one journalist vault, optional simulated sources, and the journalist's web desk."""

    def __init__(self, binary=None):
        self.binary = binary or tipline_binary()
        if not os.access(self.binary, os.X_OK):
            raise FileNotFoundError(f"no tipline binary at {self.binary} (run `swift build --product tipline`)")
        self.directory = tempfile.mkdtemp(prefix="tipline-browser-")
        self.processes = []
        self.api_url = None
        self.trust_anchors = None
        self.desk_url = None
        self.desk_port = None
        self.vault = os.path.join(self.directory, f"{JOURNALIST_ID}.vault")
        self.ui = None
        self.source_text = None
        _cleanups.append(self.close)

    # Processes

    def _log(self, name):
        return os.path.join(self.directory, f"{name}.log")

    def start(self, name, arguments):
        """Starts `tipline arguments…` in its own process group, output to <name>.log.

        `stdbuf -oL` makes stdout line-buffered although it is a file, so printed URLs show up at once.
        """
        log = open(self._log(name), "wb")
        process = subprocess.Popen(
            ["stdbuf", "-oL", self.binary, *arguments], cwd=self.directory, stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True, env=self._environment())
        log.close()
        process.tipline_name = name
        self.processes.append(process)
        return process

    def run(self, arguments, timeout=60, passphrase=PASSPHRASE):
        """Runs `tipline arguments…` to completion; raises with its output when it fails."""
        result = subprocess.run(
            [self.binary, *arguments], cwd=self.directory, capture_output=True, text=True, timeout=timeout,
            env=self._environment(passphrase), stdin=subprocess.DEVNULL)
        if result.returncode != 0:
            raise RuntimeError(
                f"tipline {' '.join(arguments)} exited with {result.returncode}: {result.stderr}{result.stdout}")
        return result.stdout

    def _environment(self, passphrase=None):
        environment = dict(os.environ)
        for name in ("TIPLINE_VAULT", "TIPLINE_VAULT_PASSPHRASE", "TIPLINE_API_URL", "TIPLINE_VAULT_NEW_PASSPHRASE"):
            environment.pop(name, None)
        if passphrase is not None:
            environment["TIPLINE_VAULT_PASSPHRASE"] = passphrase
        return environment

    def wait_for_output(self, process, pattern, timeout):
        """Waits until the process's log has a line matching `pattern`; returns the match."""
        expression = re.compile(pattern)

        def match():
            if process.poll() is not None:
                raise RuntimeError(f"{process.tipline_name} exited with {process.returncode}: {self.log_tail(process)}")
            with open(self._log(process.tipline_name), encoding="utf-8", errors="replace") as log:
                return expression.search(log.read())

        return wait_until(f"{process.tipline_name} to print {pattern!r}", match, timeout)

    def log_tail(self, process, lines=30):
        try:
            with open(self._log(process.tipline_name), encoding="utf-8", errors="replace") as log:
                return "".join(log.readlines()[-lines:])
        except OSError:
            return ""

    def stop(self, process, grace=5):
        """SIGTERM to the process group, SIGKILL after `grace` seconds."""
        if process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=grace)
            except ProcessLookupError:
                pass
        if process in self.processes:
            self.processes.remove(process)

    def close(self):
        """Ends every process started here and removes the temporary folder."""
        if self.close in _cleanups:
            _cleanups.remove(self.close)
        for process in reversed(list(self.processes)):
            self.stop(process)
        shutil.rmtree(self.directory, ignore_errors=True)

    def diagnostics(self):
        """The last lines of every process's log (for a failing test's message)."""
        return "\n".join(f"--- {p.tipline_name} ---\n{self.log_tail(p)}" for p in self.processes)

    # The system

    def start_server(self, timeout=90):
        """`tipline serve` on a free port; returns once the API lists a CoverNode key."""
        serve = self.start("serve", ["serve", "--data", "data", "--port", "0", "--dev-mixing"])
        match = self.wait_for_output(serve, r"serving on (http://127\.0\.0\.1:\d+)\S* .*Trust anchors: (\S+)", timeout)
        self.api_url = match.group(1)
        anchors = match.group(2)
        self.trust_anchors = anchors if os.path.isabs(anchors) else os.path.join(self.directory, anchors)

        def covernode_key():
            with urllib.request.urlopen(self.api_url + "/v1/public-keys", timeout=10) as response:
                keys = json.load(response)
            return any(family.get("covernodes") for family in keys.get("keys", []))

        wait_until("the server's CoverNode key", covernode_key, timeout)

    def add_journalist(self, journalist=JOURNALIST_ID, name="Alice Example", description="Investigations"):
        """Creates a journalist and her vault (registering her keys); the desk's journalist is the default one.

        No wait for the CoverNode: it refreshes its key table on demand when a message is for a journalist it
        does not know yet.
        """
        vault = self.vault if journalist == JOURNALIST_ID else os.path.join(self.directory, f"{journalist}.vault")
        bundle = f"{journalist}.json"
        self.run(["admin", "add-journalist", journalist, "--name", name, "--description", description,
                  "--keys", "data/keys", "--out", bundle])
        self.run(["journalist", "init", "--setup-bundle", bundle, "--vault", vault, "--api-url", self.api_url])
        self.run(["journalist", "sync", "--vault", vault, "--api-url", self.api_url])

    def start_source(self, text=SOURCE_TEXT):
        """A simulated source (plus two plain readers) writing one tip to the journalist through the real API.

        The tip is `text` (by default one with a <script> element); `source_text` is what the journalist should read.
        """
        arguments = [
            "readers", "--api", self.api_url, "--trust-anchors", self.trust_anchors, "--readers", "3",
            "--sources", "1", "--messages-per-source", "1", "--journalist", JOURNALIST_ID,
            "--days", "0.2", "--opens-per-day", "200", "--tick-minutes", "5", "--state", "readers-state",
            "--message-text", text]
        self.source_text = text
        return self.start("readers", arguments)

    def cli_inbox(self):
        """`tipline journalist sync` then `inbox`, through the CLI (only while the desk is not running)."""
        self.run(["journalist", "sync", "--vault", self.vault, "--api-url", self.api_url])
        return self.run(["journalist", "inbox", "--vault", self.vault, "--api-url", self.api_url])

    def start_desk(self, timeout=60):
        """`tipline journalist ui` on a free port; sets `desk_url` and `desk_port`."""
        self.ui = self.start("ui", [
            "journalist", "ui", "--vault", self.vault, "--api-url", self.api_url, "--port", "0",
            "--send-interval", "2", "--sync-interval", "1"])
        match = self.wait_for_output(self.ui, r"Journalist desk: (http://127\.0\.0\.1:(\d+)/)", timeout)
        self.desk_url = match.group(1)
        self.desk_port = int(match.group(2))


def chrome(width=1280, height=900):
    """Headless Debian Chromium through Debian's chromedriver (no Selenium Manager, no downloads)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--hide-scrollbars", f"--window-size={width},{height}", "--force-device-scale-factor=1",
                     "--disable-extensions", "--no-first-run", "--password-store=basic", "--force-prefers-reduced-motion"):
        options.add_argument(argument)
    options.set_capability("unhandledPromptBehavior", "ignore")
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    _cleanups.insert(0, driver.quit)
    driver.set_page_load_timeout(30)
    return driver


def quit_chrome(driver):
    """Ends the browser and its chromedriver (also done at exit for a browser still open)."""
    if driver.quit in _cleanups:
        _cleanups.remove(driver.quit)
    driver.quit()
