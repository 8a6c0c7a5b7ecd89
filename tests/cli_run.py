"""Running `pmwizard` as a user does: in the test's own process, or as a child process.

`run_in_process` calls the console script's function, `wizard.cli.main`, with its standard
streams as UTF-8 byte buffers and PMWIZARD_HOME set for the call: the output is the bytes the
command writes, with no Python to start. `run_process` starts `python -m wizard`, for what
only a process shows: its exit through `sys.exit`, the modules it imports, a closed stream,
dropped privileges, the wizard itself. Both decode the output as UTF-8 with surrogateescape,
so a stray byte shows up as a lone surrogate instead of being hidden.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import wizard
from wizard import cli

REPO = Path(wizard.__file__).resolve().parents[1]

Completed = subprocess.CompletedProcess[str]


def _text(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def child_env(home: Path, base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a `python -m wizard` child: this checkout, `home`, UTF-8 streams."""
    env = dict(os.environ if base is None else base)
    env |= {"PMWIZARD_HOME": str(home), "PYTHONIOENCODING": "utf-8"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def run_process(
    *args: str,
    home: Path,
    python: Sequence[str] = (),
    prefix: Sequence[str] = (),
    timeout: float = 60,
) -> Completed:
    """`python [PYTHON] -m wizard ARGS` with PMWIZARD_HOME=home, from the current folder, with
    nothing on standard input; `prefix` goes before the interpreter (e.g. a privilege drop)."""
    done = subprocess.run(
        [*prefix, sys.executable, *python, "-m", "wizard", *args],
        capture_output=True,
        env=child_env(home),
        stdin=subprocess.DEVNULL,
        timeout=timeout,
        check=False,
    )
    return subprocess.CompletedProcess(
        done.args, done.returncode, _text(done.stdout), _text(done.stderr)
    )


class _Kept(io.BytesIO):
    """A byte buffer that keeps its bytes when the command closes the stream over it."""

    def close(self) -> None:
        pass


def _opens_a_screen(args: Sequence[str]) -> bool:
    """Whether `pmwizard ARGS` would start the wizard or the web server (never in here)."""
    command = next((arg for arg in args if not arg.startswith("-")), None)
    if command is None:
        return not {"--version", "-h", "--help"} & set(args)
    return command in ("resume", "serve") or (command == "new" and "--example" not in args)


def run_in_process(*args: str, home: Path, stdin: bytes = b"") -> Completed:
    """`pmwizard ARGS` through `wizard.cli.main` in this process: PMWIZARD_HOME=home for the
    call, `stdin` on standard input, the exit code from its return or SystemExit (argparse's
    `--help` and usage errors), as a user's shell would see it."""
    assert not _opens_a_screen(args), f"run the wizard in a child process: {args}"
    out, err = _Kept(), _Kept()
    streams = (
        io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"),
        io.TextIOWrapper(out, encoding="utf-8", write_through=True),
        io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace", write_through=True),
    )
    saved = sys.stdin, sys.stdout, sys.stderr
    saved_home = os.environ.get("PMWIZARD_HOME")
    os.environ["PMWIZARD_HOME"] = str(home)
    sys.stdin, sys.stdout, sys.stderr = streams
    try:
        code = _exit_code(list(args))
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
        if saved_home is None:
            del os.environ["PMWIZARD_HOME"]
        else:
            os.environ["PMWIZARD_HOME"] = saved_home
    return subprocess.CompletedProcess(
        ["pmwizard", *args], code, _text(out.getvalue()), _text(err.getvalue())
    )


def _exit_code(argv: list[str]) -> int:
    """What `sys.exit(main(argv))` leaves as the process's exit code."""
    code: object
    try:
        code = cli.main(argv)
    except SystemExit as exit:
        code = exit.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1
