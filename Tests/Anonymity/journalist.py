"""The harness's journalist: unlocks a running `tipline journalist ui` desk (which syncs and sends on its own) and,
through the desk's own forms, replies once to every source that writes, until the stop file appears. The desk sends
one message a second at most, so the leaky populations' sources (which need no reply) are skipped by their text."""

import argparse
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request


class Desk:
    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.cookies = {}
        self.opener = urllib.request.build_opener(NoRedirect)

    def request(self, path, form=None):
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(self.base + path, data=data)
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.read().decode("utf-8", "replace")

    def csrf(self, page):
        match = re.search(r'name="csrf" value="([^"]*)"', page)
        return match.group(1) if match else ""


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *arguments):
        return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--stop-file", required=True)
    parser.add_argument("--replied-file", required=True)
    parser.add_argument("--skip-text", help="leave sources whose messages contain this text unanswered")
    arguments = parser.parse_args()
    desk = Desk(arguments.port)
    for _ in range(600):
        try:
            _, page = desk.request("/unlock")
            break
        except OSError:
            time.sleep(0.2)
    else:
        sys.exit("journalist: the desk did not start")
    status, _ = desk.request("/unlock", {"csrf": desk.csrf(page), "passphrase": os.environ["TIPLINE_VAULT_PASSPHRASE"]})
    if status != 303 and status != 302:
        sys.exit(f"journalist: unlocking the desk answered {status}")
    replied = set()
    while not os.path.exists(arguments.stop_file):
        _, inbox = desk.request("/")
        for source in sorted(set(re.findall(r'href="/sources/(\d+)"', inbox)) - replied):
            _, conversation = desk.request(f"/sources/{source}")
            if arguments.skip_text and arguments.skip_text in conversation:
                replied.add(source)
                continue
            status, _ = desk.request(f"/sources/{source}/reply",
                                     {"csrf": desk.csrf(conversation), "text": "Thank you. Can you tell me more?"})
            if status in (302, 303):
                replied.add(source)
                with open(arguments.replied_file, "a") as handle:
                    handle.write(source + "\n")
        time.sleep(2)


if __name__ == "__main__":
    main()
