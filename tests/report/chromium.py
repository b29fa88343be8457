"""A headless Chromium, driven through the DevTools protocol over a pipe: no port, no download.

``--remote-debugging-pipe`` makes Chromium read commands on its fd 3 and write
replies and events on fd 4, each message JSON ended by a NUL byte. Enough of
the protocol for the tests: open a page, wait for it to load, evaluate
JavaScript in it, collect console errors and network requests, screenshot.
"""

import base64
import fcntl
import json
import os
import select
import shutil
import signal
import time

__all__ = ["find_chromium", "Browser"]

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium():
    """The browser's path ($CHROMIUM, else the distribution's names on PATH), or None."""
    if os.environ.get("CHROMIUM"):
        return shutil.which(os.environ["CHROMIUM"])
    return next(filter(None, map(shutil.which, NAMES)), None)


def _high_pipe():
    """os.pipe() with both ends at 10 or above, so that moving them to 3 and 4 cannot clobber either."""
    ends = []
    for fd in os.pipe():
        ends.append(fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10))
        os.close(fd)
    return tuple(ends)


class Browser:
    def __init__(self, executable, profile, timeout=60):
        self.timeout = timeout
        commands_read, self._commands = _high_pipe()
        self._replies, replies_write = _high_pipe()
        self.log = open(os.path.join(profile, "chromium.log"), "wb")
        options = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                   "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
                   "--disable-extensions", "--hide-scrollbars", "--mute-audio", f"--user-data-dir={profile}",
                   "--remote-debugging-pipe", "about:blank"]
        # posix_spawn puts our pipe ends at fds 3 and 4, where --remote-debugging-pipe looks: no Python
        # runs between fork and exec (JAX's threads make a preexec_fn unsafe).
        null = os.open(os.devnull, os.O_RDONLY)
        try:
            self.pid = os.posix_spawn(executable, [executable, *options], os.environ, file_actions=[
                (os.POSIX_SPAWN_DUP2, null, 0), (os.POSIX_SPAWN_DUP2, self.log.fileno(), 1),
                (os.POSIX_SPAWN_DUP2, self.log.fileno(), 2), (os.POSIX_SPAWN_DUP2, commands_read, 3),
                (os.POSIX_SPAWN_DUP2, replies_write, 4)])
        finally:
            os.close(null)
        os.close(commands_read)
        os.close(replies_write)
        self._buffer, self._next_id, self.events = b"", 0, []

    # -------------------------------------------------------------- the protocol
    def send(self, method, session=None, **params):
        """Send one command; return its result (raises on a protocol error)."""
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._receive()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method, session=None):
        """The first event ``method`` (of ``session``) not yet consumed."""
        while True:
            for event in self.events:
                if event.get("method") == method and (session is None or event.get("sessionId") == session):
                    self.events.remove(event)
                    return event
            self.events.append(self._receive())

    def _receive(self):
        deadline = time.monotonic() + self.timeout
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._replies], [], [], left)[0]:
                raise TimeoutError(f"no answer from Chromium within {self.timeout} s")
            chunk = os.read(self._replies, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed its DevTools pipe (see chromium.log in the profile)")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    # -------------------------------------------------------------- a page
    def open(self, url, width=1100, height=900, dark=False):
        """A new tab showing ``url``, loaded; returns its session id."""
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable", session)
        self.send("Emulation.setDeviceMetricsOverride", session, width=width, height=height,
                  deviceScaleFactor=1, mobile=False)
        self.send("Emulation.setEmulatedMedia", session,
                  features=[{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}])
        self.send("Page.navigate", session, url=url)
        self.wait_for("Page.loadEventFired", session)
        return session

    def evaluate(self, session, expression):
        result = self.send("Runtime.evaluate", session, expression=expression, returnByValue=True,
                           awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:60]}...: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, session, path):
        """The whole page as a PNG at ``path``; returns its (width, height) in CSS pixels."""
        width, height = self.evaluate(session, "[document.documentElement.scrollWidth, "
                                               "document.documentElement.scrollHeight]")
        data = self.send("Page.captureScreenshot", session, format="png", captureBeyondViewport=True,
                         clip={"x": 0, "y": 0, "width": width, "height": height, "scale": 1})["data"]
        with open(path, "wb") as file:
            file.write(base64.b64decode(data))
        return width, height

    def console_errors(self, session):
        """Console errors, uncaught exceptions and error log entries seen so far in ``session``."""
        self._drain()
        errors = []
        for event in self.events:
            if event.get("sessionId") != session:
                continue
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                errors.append(str(params.get("args")))
            elif method == "Runtime.exceptionThrown":
                errors.append(str(params.get("exceptionDetails")))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                errors.append(params["entry"].get("text", ""))
        return errors

    def requests(self, session):
        """The URLs the page asked the network for."""
        self._drain()
        return [e["params"]["request"]["url"] for e in self.events
                if e.get("sessionId") == session and e.get("method") == "Network.requestWillBeSent"]

    def _drain(self):
        while b"\0" in self._buffer or select.select([self._replies], [], [], 0.2)[0]:
            self.events.append(self._receive())

    def close(self):
        try:
            self.send("Browser.close")
        except (RuntimeError, TimeoutError, OSError):
            pass
        for _ in range(100):  # up to 10 s for a clean exit, then kill
            if os.waitpid(self.pid, os.WNOHANG)[0]:
                break
            time.sleep(0.1)
        else:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        for fd in (self._commands, self._replies):
            os.close(fd)
        self.log.close()
