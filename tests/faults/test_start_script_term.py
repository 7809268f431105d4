"""`scripts/start` stops everything it started when it receives TERM: the web server, the worker
and the scheduler, each of which runs in a process group of its own.

The script runs as a newcomer would run it (migrations, demo content, administrator), on its
own SQLite database and a free port. Its processes are told apart from everyone else's by a
variable in their environment, which every process it starts inherits."""

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from django.conf import settings

from .servers import free_port

ROOT = Path(settings.BASE_DIR)
# The migrations and the demo content come first: about two minutes on an idle machine,
# many more on a busy one.
SERVING_TIMEOUT = 900
STOP_TIMEOUT = 30


def processes_with(marker):
    """The ids of the live processes whose environment holds `marker`."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            environ = Path(f"/proc/{entry}/environ").read_bytes()
        except OSError:  # gone, or not ours to read
            continue
        if marker in environ.split(b"\0"):
            found.append(int(entry))
    return found


def answers(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5):
            return True
    except urllib.error.HTTPError:
        return True  # an answer, even an error page
    except OSError:
        return False


def port_is_free(port):
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def test_term_stops_the_web_server_the_worker_and_the_scheduler(tmp_path):
    port = free_port()
    token = uuid.uuid4().hex
    marker = f"START_SCRIPT_TEST={token}".encode()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    }
    env.update(
        PORT=str(port),
        DATABASE_URL=f"sqlite:///{tmp_path / 'start.sqlite3'}",
        START_SCRIPT_TEST=token,
    )
    script = subprocess.Popen(
        ["bash", "scripts/start"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    started = []
    try:
        deadline = time.monotonic() + SERVING_TIMEOUT
        while not answers(port):
            assert script.poll() is None, script.stdout.read().decode()
            assert time.monotonic() < deadline, "the site did not answer in time"
            time.sleep(2)
        started = processes_with(marker)
        # The script, the web server (runserver and its reloader child), the worker and the
        # scheduler at least.
        assert len(started) >= 4

        script.send_signal(signal.SIGTERM)
        assert script.wait(timeout=STOP_TIMEOUT) == 143
        deadline = time.monotonic() + STOP_TIMEOUT
        while processes_with(marker) and time.monotonic() < deadline:
            time.sleep(0.5)

        assert processes_with(marker) == []
        assert port_is_free(port)
        output = script.stdout.read().decode()
        assert "Stopping the web server, the worker and the scheduler" in output
    finally:
        for pid in processes_with(marker):
            os.kill(pid, signal.SIGKILL)
        if script.poll() is None:
            script.kill()
        script.wait()
