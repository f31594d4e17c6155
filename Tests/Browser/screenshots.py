"""Regenerates the README's pictures of the journalist's desk (run through scripts/screenshots.sh).

Starts the same system as the browser tests (real server, journalist, simulated source, desk) and saves
journalist-unlock.png, journalist-inbox.png, journalist-conversation.png and journalist-status.png, 1280 px wide.
"""

import argparse
import os
import sys
import time

import harness
from desk_browser import DeskBrowser

TIP = "I work in procurement. The papers about the bridge contract are in locker 12; I can send copies."
REPLY = "Thank you, this is important. Can you tell me more about where the documents are kept?"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=os.path.join(harness.REPO, "docs", "images"), help="folder for the PNGs")
    parser.add_argument("--height", type=int, default=720, help="viewport height in pixels (width is 1280)")
    options = parser.parse_args()
    os.makedirs(options.out, exist_ok=True)

    desk = harness.Desk()
    driver = None
    try:
        desk.start_server()
        desk.add_journalist("bob", "Bob Example", "Politics")
        desk.add_journalist()
        desk.start_source(TIP)
        desk.start_desk()
        driver = harness.chrome(1280, options.height)
        browser = DeskBrowser(driver, desk)

        def save(name, height=options.height):
            extra = driver.get_window_size()["height"] - driver.execute_script("return window.innerHeight")
            driver.set_window_size(1280, height + extra)
            path = os.path.join(options.out, name)
            if not driver.save_screenshot(path):
                raise RuntimeError(f"could not save {path}")
            print(f"wrote {os.path.relpath(path, harness.REPO)}")

        browser.open("/unlock")
        save("journalist-unlock.png")

        browser.ensure_unlocked()
        browser.wait_for_source()
        save("journalist-inbox.png")

        conversation = browser.open_conversation()
        browser.queue_reply(REPLY)
        browser.wait_for_delivery(conversation, REPLY, "sent")
        browser.type_reply("Could we meet")
        time.sleep(1)  # the bytes-left counter updates 150 ms after the last key
        save("journalist-conversation.png", options.height + 250)

        browser.open("/status")
        save("journalist-status.png")
    except BaseException:
        print(desk.diagnostics(), file=sys.stderr)
        raise
    finally:
        if driver is not None:
            harness.quit_chrome(driver)
        desk.close()


if __name__ == "__main__":
    main()
