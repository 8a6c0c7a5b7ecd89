"""`pmwizard serve`: the wizard in a browser through textual-serve. The server starts on a
free port, answers HTTP, runs the wizard for a browser's websocket, and stops on SIGINT."""

from __future__ import annotations

import importlib.util
import os
import selectors
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_helpers import REPO, error_line, pmwizard_process

needs_textual_serve = pytest.mark.skipif(
    importlib.util.find_spec("textual_serve") is None,
    reason="textual-serve is not installed (pip install -e '.[serve]')",
)
START_TIMEOUT = 30.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("localhost", 0))
        return int(probe.getsockname()[1])


def first_line(process: subprocess.Popen[str], timeout: float) -> str:
    """The first line the server prints, or '' if it prints none in `timeout` seconds."""
    assert process.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        if not selector.select(timeout):
            return ""
    return process.stdout.readline().strip()


@pytest.fixture
def server(isolated_home: Path) -> Iterator[tuple[subprocess.Popen[str], int, str]]:
    port = free_port()
    env = dict(os.environ, PMWIZARD_HOME=str(isolated_home), PYTHONIOENCODING="utf-8")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    process = subprocess.Popen(
        [sys.executable, "-m", "wizard", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        yield process, port, first_line(process, START_TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


async def wizard_output(port: int, timeout: float) -> bytes:
    """What the wizard sends a browser tab that connects to the websocket, until it shows
    the welcome screen's words (or `timeout` seconds pass)."""
    import aiohttp

    received = b""
    deadline = time.monotonic() + timeout
    url = f"http://localhost:{port}/ws?width=100&height=30"
    async with aiohttp.ClientSession() as session, session.ws_connect(url) as websocket:
        while b"postmortem" not in received and time.monotonic() < deadline:
            try:
                message = await websocket.receive(timeout=max(0.1, deadline - time.monotonic()))
            except TimeoutError:
                break
            if message.type == aiohttp.WSMsgType.BINARY:
                received += message.data
            elif message.type != aiohttp.WSMsgType.TEXT:
                break
    return received


@needs_textual_serve
async def test_the_server_answers_runs_the_wizard_and_stops(server) -> None:
    process, port, line = server
    assert line == (
        f"Serving pmwizard on http://localhost:{port} (this computer only: --host 0.0.0.0 "
        "lets others in). Press Ctrl+C to stop."
    )
    with urllib.request.urlopen(f"http://localhost:{port}/", timeout=10) as response:
        assert response.status == 200
        assert "pmwizard" in response.read().decode("utf-8")
    assert b"postmortem" in await wizard_output(port, START_TIMEOUT)
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=15) == 0


@needs_textual_serve
def test_it_listens_on_this_computer_only_by_default(server) -> None:
    _, port, line = server
    assert "this computer only" in line
    with socket.create_connection(("127.0.0.1", port), timeout=5):
        pass
    addresses = {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None)}
    for address in addresses - {"127.0.0.1", "::1", "127.0.1.1"}:
        with pytest.raises(OSError), socket.create_connection((address, port), timeout=2):
            pass


@needs_textual_serve
def test_a_port_in_use_is_one_line_and_exit_2(isolated_home: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("localhost", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = pmwizard_process("serve", "--port", str(port), home=isolated_home)
    assert result.returncode == 2
    assert error_line(result) == (
        f"pmwizard: port {port} on localhost is in use; choose another with --port"
    )


def test_without_textual_serve_it_says_how_to_install_it(
    isolated_home: Path, tmp_path: Path
) -> None:
    """A textual_serve that cannot be imported stands for one that is not installed."""
    broken = tmp_path / "no-serve" / "textual_serve"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text("raise ImportError('not installed')\n", "utf-8")
    env_path = os.pathsep.join([str(broken.parent), str(REPO)])
    result = subprocess.run(
        [sys.executable, "-m", "wizard", "serve", "--port", str(free_port())],
        capture_output=True,
        text=True,
        env=dict(os.environ, PMWIZARD_HOME=str(isolated_home), PYTHONPATH=env_path),
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert error_line(result) == (
        "pmwizard: serving needs textual-serve: pip install 'pmwizard[serve]'"
    )


@pytest.mark.parametrize("port", ["0", "65536", "http"])
def test_a_port_that_is_not_one_is_refused(isolated_home: Path, port: str) -> None:
    result = pmwizard_process("serve", "--port", port, home=isolated_home)
    assert result.returncode == 2
    assert "is not a port: give a number from 1 to 65535" in result.stderr
    assert "Traceback" not in result.stderr
