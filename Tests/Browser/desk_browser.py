"""Selenium helpers for the journalist's desk, shared by the tests and the screenshot script."""

import time

from selenium.common.exceptions import (
    NoAlertPresentException, NoSuchElementException, StaleElementReferenceException, TimeoutException,
    WebDriverException)
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from harness import PASSPHRASE, http_request, wait_until


class DeskBrowser:
    """A Chromium session on one desk (`harness.Desk`)."""

    def __init__(self, driver, desk):
        self.driver = driver
        self.desk = desk
        # The first source's unread label ("1 unread") when the inbox first listed it, before anyone read it.
        self.first_unread = None

    # Navigation and reading

    def open(self, path):
        self.driver.get(self.desk.desk_url.rstrip("/") + path)

    @property
    def path(self):
        url = self.driver.current_url
        return "/" + url.split("/", 3)[3] if url.count("/") >= 3 else "/"

    def status(self):
        """The HTTP status of the page the browser shows (Navigation Timing Level 2 `responseStatus`)."""
        return self.driver.execute_script(
            "const n = performance.getEntriesByType('navigation')[0]; return n ? n.responseStatus : null;")

    def find(self, selector):
        return self.driver.find_element(By.CSS_SELECTOR, selector)

    def find_all(self, selector):
        return self.driver.find_elements(By.CSS_SELECTOR, selector)

    def exists(self, selector):
        return bool(self.find_all(selector))

    def heading(self):
        return self.find("h1").text.strip()

    def alerts(self):
        return [element.text for element in self.find_all("p[role=alert].alert")]

    def js_alert_open(self):
        """True when a JavaScript alert()/confirm() dialog is open (nothing on our pages may open one)."""
        try:
            self.driver.switch_to.alert
            return True
        except NoAlertPresentException:
            return False

    def active_id(self):
        return self.driver.execute_script("return document.activeElement ? document.activeElement.id : null;")

    def wait_for_focus(self, element_id, timeout=5):
        """Waits until `element_id` has the focus (`autofocus` is applied after the page loads); returns whether it did."""
        try:
            WebDriverWait(self.driver, timeout, poll_frequency=0.05).until(lambda _: self.active_id() == element_id)
            return True
        except TimeoutException:
            return False

    def submit(self, button_selector, timeout=30):
        """Clicks a submit button and waits until the next page has replaced this one."""
        old = self.find("html")
        button = self.find(button_selector)
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", button)
        button.click()
        self.wait_for_new_page(old, timeout)

    def wait_for_new_page(self, old_html, timeout=30):
        def replaced():
            try:
                old_html.tag_name
                return False
            except StaleElementReferenceException:
                pass
            except WebDriverException as error:
                # Chromium sometimes reports a node of the unloaded document this way instead of as stale.
                if "does not belong to the document" not in str(error):
                    raise
            return self.driver.execute_script("return document.readyState") == "complete"

        WebDriverWait(self.driver, timeout, poll_frequency=0.05).until(lambda _: replaced())

    def cookie_header(self):
        return "; ".join(f"{c['name']}={c['value']}" for c in self.driver.get_cookies())

    def request(self, method, path, headers=None, body=None, host="127.0.0.1", with_cookies=True):
        """A raw request outside the browser, optionally carrying the browser's cookies."""
        headers = dict(headers or {})
        if with_cookies and self.driver.get_cookies():
            headers["Cookie"] = self.cookie_header()
        return http_request(self.desk.desk_port, method, path, headers, body, host)

    # The journalist's steps

    def unlock(self, passphrase=PASSPHRASE):
        """Types the passphrase on /unlock and submits; returns the page's status."""
        if self.path != "/unlock":
            self.open("/unlock")
        field = self.find("#passphrase")
        field.clear()
        field.send_keys(passphrase)
        self.submit("#unlock")
        return self.status()

    def ensure_unlocked(self):
        self.open("/")
        if self.path.startswith("/unlock"):
            self.unlock()
        if self.path != "/":
            self.open("/")
        if self.heading() != "Inbox":
            raise AssertionError(f"not unlocked: {self.path} shows {self.heading()!r}, alerts {self.alerts()}")

    def ensure_locked(self):
        self.open("/")
        if self.exists("#lock"):
            self.submit("#lock")
        self.driver.delete_all_cookies()
        self.open("/unlock")

    def wait_for_source(self, timeout=90):
        """Presses "Check for messages now" on the inbox until a source is listed; returns its link element."""
        def listed():
            if self.path != "/":
                self.open("/")
            links = self.find_all("#sources li.source a.source-link")
            if links:
                if self.first_unread is None:
                    unread = self.find_all("#sources li.source span.unread")
                    self.first_unread = unread[0].text.strip() if unread else ""
                return links[0]
            self.submit("#sync-now")
            time.sleep(0.5)
            return None

        return wait_until("a source in the inbox (the simulated source's tip)", listed, timeout, interval=0.5)

    def open_conversation(self, timeout=90):
        """Opens the first source's conversation (waiting for it to arrive); returns the source's path."""
        self.ensure_unlocked()
        link = self.wait_for_source(timeout)
        href = link.get_attribute("href")
        old = self.find("html")
        link.click()
        self.wait_for_new_page(old)
        return "/" + href.split("/", 3)[3]

    def messages(self, kind=None):
        """[(text, delivery-or-None)] of the conversation on screen, oldest first."""
        selector = "#messages li.message" + (f".{kind}" if kind else "")
        result = []
        for item in self.find_all(selector):
            text = item.find_element(By.CSS_SELECTOR, "p.text").text
            try:
                delivery = item.find_element(By.CSS_SELECTOR, "span.delivery").text.strip()
            except NoSuchElementException:
                delivery = None
            result.append((text, delivery))
        return result

    def type_reply(self, text, paste=False):
        """Types `text` into the reply box; `paste` puts all but the last character in at once (long texts)."""
        field = self.find("#reply-text")
        field.clear()
        if paste:
            self.driver.execute_script("arguments[0].value = arguments[1];", field, text[:-1])
            text = text[-1]
        field.send_keys(text)

    def queue_reply(self, text, paste=False):
        """Types a reply and presses "Queue reply"; returns the page's status."""
        self.type_reply(text, paste)
        self.submit("#send-reply")
        return self.status()

    def wait_for_delivery(self, conversation_path, text, state, timeout=60):
        """Reloads the conversation until the outgoing `text` shows delivery `state`."""
        def delivered():
            self.open(conversation_path)
            return any(t == text and d == state for t, d in self.messages("outgoing"))

        return wait_until(f"the reply {text!r} to be {state}", delivered, timeout, interval=0.5)
