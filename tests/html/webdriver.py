"""A minimal W3C WebDriver client for chromedriver, standard library only.

Starts /usr/bin/chromedriver on a free loopback port, opens one headless
Chromium session (/usr/bin/chromium, the flags our tests need: root, no
sandbox, no network chatter, a fresh profile) and offers the few commands
the HTML tests use.  Written for these tests; it is not a general client.
"""
import base64
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"  # W3C element key


class WebDriverError(Exception):
    pass


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    def __init__(self, width=1280, height=900):
        self.port = _free_port()
        self.profile = tempfile.mkdtemp(prefix="rda-chromium-")
        self.driver = subprocess.Popen(
            [CHROMEDRIVER, "--port=%d" % self.port, "--allowed-ips=127.0.0.1"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.base = "http://127.0.0.1:%d" % self.port
        deadline = time.time() + 30
        while True:
            try:
                self._call("GET", "/status")
                break
            except Exception:
                if time.time() > deadline or self.driver.poll() is not None:
                    self.close()
                    raise WebDriverError("chromedriver did not start")
                time.sleep(0.1)
        args = ["--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + self.profile,
                "--window-size=%d,%d" % (width, height)]
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:loggingPrefs": {"browser": "ALL"},
            "goog:chromeOptions": {"binary": CHROMIUM, "args": args}}}}
        try:
            self.session = self._call("POST", "/session", caps)["sessionId"]
        except Exception:
            self.close()
            raise

    def _call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data,
                                     method=method)
        req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                reply = json.loads(r.read().decode())
        except urllib.error.HTTPError as e:
            reply = json.loads(e.read().decode())
            raise WebDriverError("%s %s: %s" % (method, path,
                                 reply.get("value", {}).get("message")))
        return reply.get("value", reply)

    def _s(self, method, path, body=None):
        return self._call(method, "/session/%s%s" % (self.session, path),
                          body)

    def cdp(self, cmd, params=None):
        """A Chrome DevTools Protocol command (chromedriver extension)."""
        return self._s("POST", "/goog/cdp/execute",
                       {"cmd": cmd, "params": params or {}})

    def get(self, url):
        self._s("POST", "/url", {"url": url})

    def js(self, script, *args):
        """Runs SCRIPT (a function body) with ARGS; returns its value."""
        return self._s("POST", "/execute/sync",
                       {"script": script, "args": list(args)})

    def find(self, css):
        return self._s("POST", "/element",
                       {"using": "css selector", "value": css})[ELEMENT]

    def click(self, css):
        self._s("POST", "/element/%s/click" % self.find(css), {})

    def type(self, css, text):
        self._s("POST", "/element/%s/value" % self.find(css), {"text": text})

    def clear(self, css):
        self._s("POST", "/element/%s/clear" % self.find(css), {})

    def log(self):
        """Browser console messages since the last call."""
        return self._s("POST", "/se/log", {"type": "browser"})

    def screenshot_full(self, path):
        """A PNG of the whole page, not only the window."""
        h = self.js("return Math.ceil(document.documentElement"
                    ".scrollHeight);")
        w = self.js("return Math.ceil(document.documentElement"
                    ".scrollWidth);")
        shot = self.cdp("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": w, "height": h, "scale": 1}})
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))

    def close(self):
        try:
            if getattr(self, "session", None):
                self._s("DELETE", "")
        except Exception:
            pass
        if self.driver.poll() is None:
            self.driver.terminate()
            try:
                self.driver.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.driver.kill()
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def available():
    return os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)
