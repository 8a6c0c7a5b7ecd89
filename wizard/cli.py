"""The `pmwizard` command line; the non-interactive commands never import Textual."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from wizard.arguments import COMMANDS, build_parser

EXIT_OK, EXIT_MISSING, EXIT_ERROR = 0, 1, 2


class CliError(Exception):
    """A problem to report as one line on stderr, with exit code 2."""


def main(argv: Sequence[str] | None = None) -> int:
    from wizard import memo

    words = sys.argv[1:] if argv is None else list(argv)
    command = words[0] if words and words[0] in COMMANDS else None
    if command is not None:
        memo.load(command)  # before anything compiles a pattern
    args = build_parser(command).parse_args(words)
    try:
        return _dispatch(args)
    except CliError as error:
        return _fail(str(error))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_OK
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        return _fail(f"{where}{error.strerror or error}")


def _fail(message: str) -> int:
    from wizard.textsafe import terminal_safe

    print(f"pmwizard: {terminal_safe(message)}", file=sys.stderr)
    return EXIT_ERROR


def _dispatch(args: argparse.Namespace) -> int:
    from wizard.drafts import DraftError
    from wizard.templates import TemplateError

    command = args.command
    try:
        if command in (None, "new", "resume") and not getattr(args, "example", False):
            return _run_app(args)
        from wizard import memo

        handler = {
            "new": _cmd_example,
            "list": _cmd_list,
            "import": _cmd_import,
            "export": _cmd_export,
            "check": _cmd_check,
            "schema": _cmd_schema,
            "rename": _cmd_rename,
            "delete": _cmd_delete,
            "restore": _cmd_restore,
            "templates": _cmd_templates,
            "template": _cmd_template,
            "serve": _cmd_serve,
        }[command]
        try:
            return handler(args)
        finally:
            memo.keep()
    except (DraftError, TemplateError) as error:
        raise CliError(str(error)) from None


def _store() -> Any:
    from wizard.drafts import DraftStore

    return DraftStore()


def _template(args: argparse.Namespace, store: Any) -> Any:
    """The template `--template` names, or None when not given; TemplateError (one line, exit
    2) for a name that is none or a file that is broken."""
    name = getattr(args, "template", None)
    if name is None:
        return None
    from wizard import templates

    return templates.find(name, store.root)


def _run_app(args: argparse.Namespace) -> int:
    from wizard.ui.launch import launch

    store = _store()
    template = _template(args, store)
    return launch(
        store, args.command, getattr(args, "name", None), getattr(args, "draft", None), template
    )


def _cmd_example(args: argparse.Namespace) -> int:
    from wizard.drafts import new_draft_name
    from wizard.example import EXAMPLES
    from wizard.lock import new_draft
    from wizard.textsafe import terminal_safe

    store = _store()
    template = _template(args, store)
    example = EXAMPLES.get(template.name if template else "classic")
    if example is None:
        assert template is not None
        raise CliError(
            f"there is no example for the {template.name!r} template; "
            f"start a draft with: pmwizard new --template {template.name}"
        )
    pm = example()
    given = new_draft_name(args.name) if args.name else None
    with new_draft(store, given, "example") as name:
        path = store.save(name, pm)
    print(f"Wrote the example draft {name!r} to {terminal_safe(str(path))}")
    print(f"Open it with: pmwizard resume {name}   Export it with: pmwizard export {name}")
    return EXIT_OK


def _cmd_list(args: argparse.Namespace) -> int:
    from wizard.textsafe import terminal_safe

    store = _store()
    rows = []
    for info in store.info():
        row: dict[str, Any] = {
            "name": info.name,
            "path": str(info.path),
            "modified": info.modified.isoformat(timespec="seconds"),
        }
        summary = info.summary
        if summary is not None and summary.error is None:
            row |= {
                "title": summary.title,
                "words": summary.words,
                "met": summary.met,
                "points": summary.points,
                "error": None,
            }
        else:
            error = summary.error if summary is not None else "not read"
            row |= {"title": None, "words": None, "met": None, "points": None, "error": error}
        rows.append(row)
    if args.json:
        from wizard.textsafe import json_text

        print(json_text(rows))
        return EXIT_OK
    if not rows:
        print(f"No drafts yet in {terminal_safe(str(store.root))}. Start one with: pmwizard new")
        return EXIT_OK
    width = max(len(row["name"]) for row in rows)
    for row in rows:
        if row["error"]:
            print(f"{row['name']:<{width}}  unreadable: {terminal_safe(row['error'])}")
            continue
        title = terminal_safe(row["title"] or "(untitled)")
        print(
            f"{row['name']:<{width}}  {row['modified'][:16].replace('T', ' ')}  "
            f"{row['words']:>5} words  {row['met']:>2}/{row['points']} points  {title}"
        )
    return EXIT_OK


def _unsorted_kept(pm: Any, fmt: str) -> str:
    """What an export did with the draft's Unsorted text (never left out)."""
    from wizard.markdown import counts, writer

    words = counts.words_in(pm.unsorted)
    what = f"the draft's Unsorted text ({words} {'word' if words == 1 else 'words'})"
    if fmt == "json":
        return f'{what} is kept in its "unsorted" field'
    return (
        f"{what} is written in a closing '{writer.UNSORTED_HEADING}' part; "
        "move it into its sections in the wizard to leave it out"
    )


def _cmd_export(args: argparse.Namespace) -> int:
    from wizard.rubric import evaluate, points_text

    store = _store()
    pm = store.load(args.draft)
    report = evaluate(pm)
    if not report.passed and not args.allow_incomplete:
        missing = "; ".join(f"{r.id} {r.why}" for r in report.missing())
        raise CliError(
            f"the draft misses {points_text(len(report.missing()))} ({missing}); "
            "finish it or pass --allow-incomplete"
        )
    from wizard.markdown import render

    text = render(pm, args.format)
    if pm.unsorted.strip():
        print(f"pmwizard: {_unsorted_kept(pm, args.format)}", file=sys.stderr)
    if not args.output or args.output == "-":
        if sys.stdout is None:
            raise CliError("standard output is closed; give a file with -o FILE")
        sys.stdout.write(text)
        return EXIT_OK
    from wizard.drafts import save_export
    from wizard.textsafe import terminal_safe

    draft = store.resolve(args.draft)
    path = save_export(Path(args.output), text, args.force, root=store.root, draft=draft)
    print(f"Wrote {terminal_safe(str(path))}")
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    from wizard.checking import run_check

    store = _store()
    template = _template(args, store)
    return run_check(args.targets, as_json=args.json, store=store, template=template)


def _cmd_import(args: argparse.Namespace) -> int:
    from wizard.checking import run_import

    return run_import(Path(args.file), args.name, store=_store())


def _cmd_rename(args: argparse.Namespace) -> int:
    path = _store().rename(args.old, args.new)
    print(f"Renamed {args.old!r} to {args.new!r} ({path})")
    return EXIT_OK


def _cmd_delete(args: argparse.Namespace) -> int:
    path = _store().delete(args.name)
    print(f"Moved {args.name!r} to the trash ({path})")
    print(f"Bring it back with: pmwizard restore {args.name}")
    return EXIT_OK


def _cmd_restore(args: argparse.Namespace) -> int:
    path = _store().restore(args.name)
    print(f"Restored {args.name!r} ({path})")
    return EXIT_OK


def _cmd_templates(args: argparse.Namespace) -> int:
    from wizard import templates
    from wizard.textsafe import terminal_safe

    found = templates.available(_store().root)
    width = max(len(info.name) for info in found)
    for info in found:
        what = f"broken: {info.error}" if info.error else info.title
        print(terminal_safe(f"{info.name:<{width}}  {what}  ({info.source})"))
    return EXIT_OK


def _cmd_template(args: argparse.Namespace) -> int:
    from wizard import templates
    from wizard.textsafe import terminal_safe

    store = _store()
    template = templates.find(args.name, store.root)
    if template.name in templates.BUILTIN:
        text = templates.builtin_text(template.name)
    else:
        text = (templates.folder(store.root) / f"{template.name}.toml").read_text("utf-8")
    if not args.output or args.output == "-":
        sys.stdout.write(text)
        return EXIT_OK
    from wizard.drafts import save_export

    path = save_export(Path(args.output), text, args.force, root=store.root)
    print(f"Wrote {terminal_safe(str(path))}")
    print(
        f"Rename its `name`, save it as {terminal_safe(str(templates.folder(store.root)))}"
        "/NAME.toml, and start a draft with: pmwizard new --template NAME"
    )
    return EXIT_OK


def _cmd_serve(args: argparse.Namespace) -> int:
    from wizard.serve import ServeError, serve

    try:
        return serve(args.host, args.port)
    except ServeError as error:
        raise CliError(str(error)) from None


def _cmd_schema(args: argparse.Namespace) -> int:
    from wizard.model import Postmortem

    print(json.dumps(Postmortem.model_json_schema(by_alias=True), indent=2))
    return EXIT_OK
