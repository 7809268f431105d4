"""A partner site's receiver, really listening on 127.0.0.1, and an endpoint pointing at it."""

import json
import socket
import threading
import time
from dataclasses import dataclass
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from syndication.models import WebhookEndpoint


@dataclass
class Received:
    path: str
    headers: Message  # names are case-insensitive, as in HTTP
    body: bytes

    @property
    def payload(self):
        return json.loads(self.body)


class Receiver:
    """Records every request; answers each with the next status of `script` (200 when empty).

    A script entry ("sleep", seconds, status) waits before answering, to make the sender time out.
    """

    def __init__(self):
        self.requests = []
        self.script = []
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with receiver.lock:
                    receiver.requests.append(Received(self.path, self.headers, body))
                    answer = receiver.script.pop(0) if receiver.script else 200
                if isinstance(answer, tuple):
                    _, seconds, answer = answer
                    time.sleep(seconds)
                try:
                    self.send_response(answer)
                    self.send_header("Content-Length", "2")
                    self.end_headers()
                    self.wfile.write(b"ok")
                except OSError:  # the sender gave up waiting
                    pass

            def log_message(self, format, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self):
        host, port = self.server.server_address
        return f"http://{host}:{port}/hooks/usdg"

    def start(self):
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    receiver = Receiver()
    receiver.start()
    yield receiver
    receiver.stop()


@pytest.fixture
def endpoint(db, receiver):
    return WebhookEndpoint.objects.create(name="Partner portal", url=receiver.url)


@pytest.fixture
def dead_url():
    """An address on which nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/hooks"
