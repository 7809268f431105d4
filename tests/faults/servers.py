"""Services the fault tests start, stop and start again on ports of their own: Redis, an SMTP
server, and workers of the job queue."""

import email
import socket
import subprocess
import threading
import time
from email import policy

import redis
from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, seconds=10, what="the condition"):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"Timed out waiting for {what}")


class RedisServer:
    """A redis-server of our own, sized as the README recommends (maxmemory, allkeys-lru)."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self):
        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=1)

    def answers(self):
        try:
            return self.client().ping()
        except redis.exceptions.RedisError:
            return False

    def start(self):
        if self.process is not None:
            return
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port", str(self.port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--maxmemory", "64mb",
                "--maxmemory-policy", "allkeys-lru",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(self.answers, what="redis-server to start")

    def stop(self):
        if self.process is None:
            return
        self.process.terminate()
        self.process.wait(10)
        self.process = None


class _Inbox:
    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.messages.append((envelope.rcpt_tos, message))
        return "250 Message accepted for delivery"


class SmtpServer:
    """An SMTP server of our own that keeps what it receives; stopped, its port refuses."""

    def __init__(self):
        self.port = free_port()
        self.inbox = _Inbox()
        self.controller = None

    @property
    def messages(self):
        with self.inbox.lock:
            return [message for _recipients, message in self.inbox.messages]

    def received(self, address):
        """Messages whose envelope named `address`."""
        with self.inbox.lock:
            return [message for recipients, message in self.inbox.messages if address in recipients]

    def start(self):
        if self.controller is None:
            self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
            self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None
