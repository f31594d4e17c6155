"""The journalist's desk (`tipline journalist ui`) in a real headless Chromium, against a real Tipline.

One system for the whole module: `tipline serve`, a journalist and her vault, a simulated source that writes one
tip through the real API and CoverNode, and the desk. Run with `scripts/browser-test.sh`.
"""

import re
import secrets
import time
import unittest
import urllib.parse

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

import harness
from desk_browser import DeskBrowser

SCRIPT = "<script>alert(1)</script>"

# Whether the focused element draws a focus indicator (an outline or a box shadow).
FOCUS_IS_VISIBLE = """
const style = getComputedStyle(document.activeElement);
return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
"""

# Every visible text's WCAG contrast ratio against the first opaque background behind it, when below AA
# (4.5:1, or 3:1 for large text): [[tag, text, ratio], …].
LOW_CONTRAST = """
function rgb(value) { return (value.match(/[\\d.]+/g) || []).map(Number); }
function luminance(c) {
  const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function background(element) {
  for (let e = element; e; e = e.parentElement) {
    const c = rgb(getComputedStyle(e).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0.99)) return c;
  }
  return [255, 255, 255];
}
const failures = [];
for (const element of document.querySelectorAll("body *")) {
  const own = [...element.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  const style = getComputedStyle(element);
  const box = element.getBoundingClientRect();
  if (!own || style.visibility === "hidden" || box.width === 0 || box.right < 0 || box.bottom < 0) continue;
  const [l1, l2] = [luminance(rgb(style.color)), luminance(background(element))].sort((a, b) => b - a);
  const ratio = (l1 + 0.05) / (l2 + 0.05);
  const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight, 10) >= 700;
  const large = size >= 24 || (bold && size >= 18.66);
  if (ratio < (large ? 3 : 4.5)) failures.push([element.tagName, element.textContent.trim().slice(0, 40), ratio.toFixed(2)]);
}
return failures;
"""

desk = None
driver = None
browser = None


def setUpModule():
    global desk, driver, browser
    desk = harness.Desk()
    try:
        desk.start_server()
        desk.add_journalist("bob", "Bob Example", "Politics")  # a colleague to hand sources over to
        desk.add_journalist()
        desk.start_source()
        desk.start_desk()
        driver = harness.chrome()
        browser = DeskBrowser(driver, desk)
    except BaseException:
        tearDownModule()
        raise


def tearDownModule():
    if driver is not None:
        harness.quit_chrome(driver)
    if desk is not None:
        desk.close()


def content_security_policy(header):
    """{directive: [sources]} of a Content-Security-Policy header."""
    policy = {}
    for directive in header.split(";"):
        words = directive.split()
        if words:
            policy[words[0].lower()] = words[1:]
    return policy


class DeskTestCase(unittest.TestCase):
    """Prints the desk processes' logs under every failing test."""

    def run(self, result=None):
        count = (lambda: len(result.failures) + len(result.errors)) if result is not None else (lambda: 0)
        before = count()
        outcome = super().run(result)
        if count() > before and desk is not None:
            page = driver.current_url if driver is not None else "-"
            print(f"\n{self.id()} failed on {page}\n{desk.diagnostics()}")
        return outcome


class UnlockTests(DeskTestCase):
    def test_wrong_passphrase_shows_an_alert_and_401(self):
        browser.ensure_locked()
        status = browser.unlock("not the passphrase")
        self.assertEqual(status, 401)
        self.assertTrue(browser.path.startswith("/unlock"), browser.path)
        self.assertTrue(any("Wrong passphrase" in alert for alert in browser.alerts()), browser.alerts())
        self.assertTrue(browser.exists("#passphrase"))

    def test_right_passphrase_opens_the_inbox_and_lock_returns_to_unlock(self):
        browser.ensure_locked()
        self.assertTrue(browser.exists("form#unlock-form input#passphrase[type=password]"))
        self.assertTrue(browser.exists("main#main h1"))
        browser.unlock()
        self.assertEqual(browser.path, "/")
        self.assertEqual(browser.heading(), "Inbox")
        nav = {a.text.strip(): a.get_attribute("pathname") for a in browser.find_all("nav a")}
        self.assertEqual(nav.get("Inbox"), "/")
        self.assertEqual(nav.get("Status"), "/status")
        self.assertEqual(nav.get("Passphrase"), "/passphrase")

        browser.submit("#lock")
        self.assertTrue(browser.path.startswith("/unlock"), browser.path)
        self.assertFalse(browser.exists("#lock"))
        browser.open("/")
        self.assertTrue(browser.path.startswith("/unlock"), browser.path)
        self.assertFalse(browser.exists("#sources"))

    def test_keyboard_alone_reaches_the_field_and_the_button_and_unlocks(self):
        browser.ensure_locked()
        self.assertTrue(browser.wait_for_focus("passphrase"), "the passphrase field should have the focus at first")
        browser.driver.execute_script("document.activeElement.blur()")
        keyboard = ActionChains(browser.driver)
        reached = []
        while "passphrase" not in reached and len(reached) < 15:
            keyboard.send_keys(Keys.TAB).perform()
            reached.append(browser.active_id())
        self.assertEqual(reached[-1], "passphrase", f"Tab order: {reached}")
        keyboard.send_keys(harness.PASSPHRASE).perform()
        keyboard.send_keys(Keys.TAB).perform()
        self.assertEqual(browser.active_id(), "unlock")
        self.assertTrue(browser.driver.execute_script(FOCUS_IS_VISIBLE), "the focused button shows no focus ring")
        old = browser.find("html")
        keyboard.send_keys(Keys.ENTER).perform()
        browser.wait_for_new_page(old)
        self.assertEqual(browser.heading(), "Inbox")

    def test_repeated_wrong_passphrases_are_slowed_down(self):
        browser.ensure_unlocked()
        browser.ensure_locked()
        statuses = []
        while 429 not in statuses and len(statuses) < 8:
            statuses.append(browser.unlock("still not the passphrase"))
        self.assertEqual(statuses[-1], 429, statuses)
        self.assertTrue(all(status == 401 for status in statuses[:-1]), statuses)
        self.assertGreaterEqual(len(statuses), 2, "the first wrong passphrase must not be throttled")
        self.assertFalse(browser.exists("#lock"))
        harness.wait_until("the desk to accept the right passphrase again", lambda: browser.unlock() == 200, 20, 1)
        self.assertEqual(browser.heading(), "Inbox")

    def test_locked_pages_redirect_to_unlock(self):
        for path in ("/", "/status", "/passphrase", "/sources/1"):
            response = harness.http_request(desk.desk_port, "GET", path)
            self.assertEqual(response.status, 303, path)
            self.assertEqual(urllib.parse.urlsplit(response.header("Location")).path, "/unlock", path)


class ConversationTests(DeskTestCase):
    def test_the_sources_tip_arrives_and_a_reply_goes_from_queued_to_sent(self):
        conversation = browser.open_conversation()
        self.assertEqual(browser.first_unread, "1 unread", "the new tip was not counted as unread in the inbox")
        self.assertRegex(conversation, r"^/sources/[^/]+$")
        incoming = browser.messages("incoming")
        self.assertIn(desk.source_text, [text for text, _ in incoming])
        self.assertTrue(browser.exists("#messages li.message.incoming time"))

        reply = f"Thank you. Can we talk on Thursday? ({secrets.token_hex(3)})"
        self.assertEqual(browser.queue_reply(reply), 200)
        browser.open(conversation)
        outgoing = browser.messages("outgoing")
        self.assertIn((reply, "queued"), outgoing, outgoing)
        browser.wait_for_delivery(conversation, reply, "sent", timeout=60)

        browser.open("/")
        link = browser.find("#sources li.source a.source-link")
        self.assertEqual(link.get_attribute("pathname"), conversation)
        self.assertTrue(link.text.strip())
        self.assertFalse(browser.exists("#sources li.source span.unread"), "the read tip is still counted as unread")

    def test_a_script_in_a_reply_is_shown_as_text(self):
        conversation = browser.open_conversation()
        text = f"{SCRIPT} {secrets.token_hex(3)}"
        browser.queue_reply(text)
        browser.open(conversation)
        self.assertFalse(browser.js_alert_open(), "a script in a message ran")
        self.assertIn(text, [t for t, _ in browser.messages("outgoing")])
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", browser.driver.page_source)
        self.assertFalse(browser.driver.execute_script("return document.querySelector('#messages script') !== null"))

    def test_a_script_from_a_source_is_shown_as_text(self):
        self.assertIn(SCRIPT, desk.source_text)
        browser.open_conversation()
        self.assertFalse(browser.js_alert_open(), "a script in a message ran")
        self.assertIn(desk.source_text, [text for text, _ in browser.messages("incoming")])
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", browser.driver.page_source)
        self.assertFalse(browser.driver.execute_script("return document.querySelector('#messages script') !== null"))

    def test_a_too_long_reply_is_refused_before_queueing(self):
        conversation = browser.open_conversation()
        before = browser.messages("outgoing")
        status = browser.queue_reply(secrets.token_urlsafe(1500), paste=True)
        self.assertEqual(status, 422)
        self.assertTrue(any("too long" in alert for alert in browser.alerts()), browser.alerts())
        browser.open(conversation)
        self.assertEqual([text for text, _ in browser.messages("outgoing")], [text for text, _ in before])

    def test_muting_and_unmuting_a_source(self):
        conversation = browser.open_conversation()
        self.assertEqual(browser.find("#mute").text.strip(), "Mute source")
        browser.submit("#mute")
        browser.open("/")
        self.assertIn("muted", browser.find("#sources li.source").get_attribute("class").split())
        browser.open(conversation)
        self.assertEqual(browser.find("#mute").text.strip(), "Unmute source")
        browser.submit("#mute")
        browser.open("/")
        self.assertNotIn("muted", browser.find("#sources li.source").get_attribute("class").split())

    def test_handing_a_source_over_to_a_colleague(self):
        conversation = browser.open_conversation()
        choices = {option.get_attribute("value"): option.text.strip()
                   for option in browser.find_all("#handover-to option")}
        self.assertEqual(choices.get("bob"), "Bob Example", choices)
        self.assertNotIn(harness.JOURNALIST_ID, choices, "a journalist cannot hand a source over to herself")
        Select(browser.find("#handover-to")).select_by_value("bob")
        browser.submit("#handover")
        self.assertEqual(browser.path, conversation)
        self.assertTrue(any("Handover to bob queued" in alert for alert in browser.alerts()), browser.alerts())

    def test_compose_counts_the_remaining_bytes(self):
        browser.open_conversation()
        remaining = browser.find("#remaining")
        self.assertEqual(remaining.tag_name, "output")
        match = re.fullmatch(r"(\d+) bytes left", remaining.text.strip())
        self.assertIsNotNone(match, remaining.text)
        empty = int(match.group(1))
        self.assertGreater(empty, 100)
        browser.type_reply(secrets.token_urlsafe(150))
        harness.wait_until(
            "the remaining-bytes count to drop while typing",
            lambda: int(re.search(r"\d+", browser.find("#remaining").text).group()) < empty, 5)


class SecurityTests(DeskTestCase):
    def test_pages_forbid_caching_and_carry_a_strict_content_security_policy(self):
        browser.ensure_unlocked()
        cookie = browser.cookie_header()
        for path, headers in (("/unlock", {}), ("/", {"Cookie": cookie}), ("/status", {"Cookie": cookie})):
            response = harness.http_request(desk.desk_port, "GET", path, headers)
            self.assertEqual(response.status, 200, path)
            self.assertIn("no-store", response.header("Cache-Control") or "", path)
            policy = content_security_policy(response.header("Content-Security-Policy") or "")
            self.assertIn("default-src", policy, path)
            scripts = policy.get("script-src", policy["default-src"])
            for loose in ("'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:", "data:", "blob:"):
                self.assertNotIn(loose, scripts, f"{path}: script-src {scripts}")
            self.assertEqual(policy.get("frame-ancestors"), ["'none'"], f"{path}: {policy}")

    def test_the_session_cookie_is_httponly_and_samesite_strict(self):
        browser.ensure_unlocked()
        cookies = browser.driver.get_cookies()
        self.assertTrue(cookies)
        for cookie in cookies:
            self.assertTrue(cookie.get("httpOnly"), cookie["name"])
            self.assertEqual(cookie.get("sameSite"), "Strict", cookie["name"])
        self.assertEqual(browser.driver.execute_script("return document.cookie"), "")

    def test_a_post_without_the_csrf_token_is_refused(self):
        browser.ensure_unlocked()
        token = browser.find("#lock-form input[name=csrf]").get_attribute("value")
        self.assertTrue(token)
        form = {"Content-Type": "application/x-www-form-urlencoded", "Origin": desk.desk_url.rstrip("/")}
        missing = browser.request("POST", "/lock", form, "")
        self.assertEqual(missing.status, 403)
        wrong = browser.request("POST", "/lock", form, urllib.parse.urlencode({"csrf": "0" * len(token)}))
        self.assertEqual(wrong.status, 403)
        browser.open("/")
        self.assertEqual(browser.heading(), "Inbox", "a POST without a valid CSRF token locked the desk")

        accepted = browser.request("POST", "/sync", form, urllib.parse.urlencode({"csrf": token}))
        self.assertIn(accepted.status, (200, 303), accepted.body[:300])

    def test_a_foreign_host_header_is_refused(self):
        port = desk.desk_port
        for host in (f"evil.example:{port}", "evil.example", f"127.0.0.1.evil.example:{port}", f"127.0.0.2:{port}"):
            response = harness.http_request(port, "GET", "/unlock", host=host)
            self.assertGreaterEqual(response.status, 400, host)
            self.assertLess(response.status, 500, host)
            self.assertNotIn('id="unlock-form"', response.body, host)
        self.assertIn('id="unlock-form"', harness.http_request(port, "GET", "/unlock", host=f"127.0.0.1:{port}").body)


class PageTests(DeskTestCase):
    def test_the_main_pages_load_without_script_errors_or_policy_violations(self):
        browser.driver.get_log("browser")
        browser.ensure_unlocked()
        conversation = browser.open_conversation()
        browser.type_reply("A draft, to exercise the page's script.")
        time.sleep(0.5)  # the counter asks the server 150 ms after the last key
        for path in ("/status", "/passphrase", "/", conversation):
            browser.open(path)
            self.assertEqual(browser.status(), 200, path)
            self.assertTrue(browser.exists("main#main h1"), path)
        problems = [entry["message"] for entry in browser.driver.get_log("browser")
                    if entry["level"] == "SEVERE" and "/favicon.ico" not in entry["message"]]
        self.assertEqual(problems, [])

    def test_text_contrast_meets_wcag_aa(self):
        browser.ensure_locked()
        self.assertEqual(browser.driver.execute_script(LOW_CONTRAST), [], "/unlock")
        conversation = browser.open_conversation()
        for path in ("/", conversation, "/status", "/passphrase"):
            browser.open(path)
            self.assertEqual(browser.driver.execute_script(LOW_CONTRAST), [], path)

    def test_pages_reflow_without_horizontal_scrolling_at_200_percent_zoom(self):
        browser.ensure_unlocked()
        conversation = browser.open_conversation()
        size = browser.driver.get_window_size()
        extra = size["width"] - browser.driver.execute_script("return window.innerWidth")
        try:
            browser.driver.set_window_size(640 + extra, size["height"])  # 1280 px at 200 % is 640 CSS px
            self.assertEqual(browser.driver.execute_script("return window.innerWidth"), 640)
            for path in ("/", conversation, "/status", "/passphrase"):
                browser.open(path)
                overflow = browser.driver.execute_script(
                    "return document.documentElement.scrollWidth - window.innerWidth")
                self.assertLessEqual(overflow, 0, f"{path} scrolls sideways at 200 % zoom")
        finally:
            browser.driver.set_window_size(size["width"], size["height"])

    def test_the_status_page_lists_keys_and_sync(self):
        browser.ensure_unlocked()
        browser.open("/status")
        self.assertEqual(browser.status(), 200)
        self.assertEqual(browser.heading(), "Status")
        terms = [dt.text.strip() for dt in browser.find_all("dl#status dt")]
        self.assertGreaterEqual(len(terms), 3, terms)
        self.assertEqual(len(terms), len(browser.find_all("dl#status dd")))


if __name__ == "__main__":
    unittest.main()
