"""The command line's arguments: a parser for each command, built for the command run."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from wizard import __version__


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; given `command`, with only that command's parser (all it
    needs to read that command's arguments, quicker to build than every command's)."""
    parser = argparse.ArgumentParser(
        prog="pmwizard",
        description="Write an incident postmortem, section by section, in your terminal.",
        epilog="Run without a command to open the wizard. Drafts live in $PMWIZARD_HOME "
        "when set, else in your user data folder.",
    )
    parser.add_argument("--version", action="version", version=f"pmwizard {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for name, add in COMMANDS.items():
        if command in (None, name):
            add(sub)
    return parser


def _add_new(sub: Any) -> None:
    new = sub.add_parser("new", help="start a new postmortem in the wizard")
    new.add_argument("--name", help="the draft's name (default: from the title)")
    new.add_argument(
        "--example",
        action="store_true",
        help="write a complete example draft instead of opening the wizard",
    )
    new.add_argument("--template", metavar="NAME", help="the template to follow (default: classic)")


def _add_resume(sub: Any) -> None:
    resume = sub.add_parser("resume", help="open a draft in the wizard (the latest by default)")
    resume.add_argument("draft", nargs="?", metavar="DRAFT", help="a draft's name or path")


def _add_list(sub: Any) -> None:
    listing = sub.add_parser("list", help="list drafts with their progress")
    listing.add_argument("--json", action="store_true", help="print JSON")


def _add_import(sub: Any) -> None:
    imp = sub.add_parser("import", help="turn a Markdown or text postmortem into a draft")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--name", help="the draft's name (default: from the title)")


def _add_export(sub: Any) -> None:
    export = sub.add_parser("export", help="write a draft as Markdown, HTML or JSON")
    export.add_argument("draft", metavar="DRAFT", help="a draft's name or path")
    export.add_argument(
        "-o", "--output", metavar="FILE", help="write here instead of stdout ('-': stdout)"
    )
    export.add_argument(
        "--format",
        choices=("markdown", "html", "json"),
        default="markdown",
        help="default: %(default)s",
    )
    export.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    export.add_argument(
        "--allow-incomplete", action="store_true", help="export even if rubric points are missing"
    )


def _add_check(sub: Any) -> None:
    check = sub.add_parser("check", help="review drafts or Markdown postmortems against the rubric")
    check.add_argument(
        "targets", nargs="+", metavar="DRAFT", help="draft names, files, or folders of .md files"
    )
    check.add_argument("--json", action="store_true", help="print JSON")
    check.add_argument(
        "--template",
        metavar="NAME",
        help="judge by this template's rubric (default: a draft's own, else classic)",
    )


def _add_templates(sub: Any) -> None:
    sub.add_parser("templates", help="list the templates: built-in and your own")


def _add_template(sub: Any) -> None:
    template = sub.add_parser("template", help="work with one template")
    template_sub = template.add_subparsers(dest="template_command", metavar="ACTION", required=True)
    template_export = template_sub.add_parser(
        "export", help="write a template's TOML file, to start your own from"
    )
    template_export.add_argument("name", metavar="NAME", help="the template, e.g. classic")
    template_export.add_argument(
        "-o", "--output", metavar="FILE", help="write here instead of stdout ('-': stdout)"
    )
    template_export.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


def _add_rename(sub: Any) -> None:
    rename = sub.add_parser("rename", help="give a draft another name")
    rename.add_argument("old", metavar="OLD", help="the draft's name")
    rename.add_argument("new", metavar="NEW", help="its new name")


def _add_delete(sub: Any) -> None:
    delete = sub.add_parser(
        "delete", help="move a draft and its backup to the trash beside the drafts"
    )
    delete.add_argument("name", metavar="NAME", help="the draft's name")


def _add_restore(sub: Any) -> None:
    restore = sub.add_parser("restore", help="bring a deleted draft back from the trash")
    restore.add_argument("name", metavar="NAME", help="the deleted draft's name")


def _add_serve(sub: Any) -> None:
    serve = sub.add_parser(
        "serve",
        help="run the wizard in a web browser (needs textual-serve: pip install 'pmwizard[serve]')",
    )
    serve.add_argument("--port", type=_port, default=8000, metavar="N", help="default: %(default)s")
    serve.add_argument(
        "--host",
        default="localhost",
        metavar="H",
        help="the address to listen on (default: %(default)s, this computer only)",
    )


def _add_schema(sub: Any) -> None:
    sub.add_parser("schema", help="print the draft file's JSON Schema")


COMMANDS: dict[str, Callable[[Any], None]] = {
    "new": _add_new,
    "resume": _add_resume,
    "list": _add_list,
    "import": _add_import,
    "export": _add_export,
    "check": _add_check,
    "templates": _add_templates,
    "template": _add_template,
    "rename": _add_rename,
    "delete": _add_delete,
    "restore": _add_restore,
    "serve": _add_serve,
    "schema": _add_schema,
}
"""Each command's parser, in the order `--help` lists them."""


def _port(text: str) -> int:
    """A TCP port number, 1-65535 (argparse's type)."""
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port: give a number from 1 to 65535")
    return port
