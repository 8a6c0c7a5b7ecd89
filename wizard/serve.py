"""`pmwizard serve`: the same wizard in a web browser, through textual-serve (an optional
extra). Each browser tab runs its own wizard on this computer, on the same drafts."""

from __future__ import annotations

import errno
import shlex
import socket
import sys

DEFAULT_HOST = "localhost"
DEFAULT_PORT = 8000
INSTALL_HINT = "pip install 'pmwizard[serve]'"
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")


class ServeError(Exception):
    """Why the server cannot start: one line for stderr (exit 2)."""


def wizard_command() -> str:
    """The shell command each browser tab runs: this Python's pmwizard."""
    return f"{shlex.quote(sys.executable)} -m wizard"


def check_port(host: str, port: int) -> None:
    """ServeError unless `host:port` can be listened on now."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise ServeError(f"cannot serve on {host!r}: {error.strerror}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
        try:
            probe.bind(address)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise ServeError(
                    f"port {port} on {host} is in use; choose another with --port"
                ) from None
            raise ServeError(f"cannot serve on {host}:{port}: {error.strerror or error}") from None


def where_text(host: str, port: int) -> str:
    """The line printed at start: the address, and who can reach it."""
    url = f"http://{host}:{port}"
    if host in LOCAL_HOSTS:
        return (
            f"Serving pmwizard on {url} (this computer only: --host 0.0.0.0 lets others in). "
            "Press Ctrl+C to stop."
        )
    return (
        f"Serving pmwizard on {url}: anyone who can reach it can open your drafts. "
        "Press Ctrl+C to stop."
    )


def serve(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> int:
    """Run the server until Ctrl+C (or SIGTERM); ServeError when it cannot start."""
    try:
        from textual_serve.server import Server
    except ImportError:
        raise ServeError(f"serving needs textual-serve: {INSTALL_HINT}") from None
    check_port(host, port)

    class WizardServer(Server):
        async def on_startup(self, app: object) -> None:
            """Nothing: where it serves is said once it listens (below)."""

        def initialize_logging(self) -> None:
            """Only warnings: a line per request would bury the address."""
            import logging

            logging.basicConfig(level="WARNING", format="pmwizard serve: %(message)s")

        def serve(self, debug: bool = False) -> None:
            """Textual-serve's app on aiohttp, saying where once it listens; Ctrl+C and
            SIGTERM stop it."""
            from aiohttp import web

            self.debug = debug
            self.initialize_logging()
            web.run_app(
                self._make_app(),
                host=host,
                port=port,
                print=lambda _started: print(where_text(host, port), flush=True),
            )

    server = WizardServer(wizard_command(), host=host, port=port, title="pmwizard")
    try:
        server.serve()
    except OSError as error:  # lost a race for the port, or the host went away
        raise ServeError(f"cannot serve on {host}:{port}: {error.strerror or error}") from None
    return 0
