"""Postmortem templates: the built-in ones (TOML files beside this module) and a team's own,
in `templates/` beside the drafts. `classic()` is the default every draft starts from."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

# The template model and the TOML reader load with the first template read, not at start-up.
if TYPE_CHECKING:
    from wizard.model import Postmortem
    from wizard.templates.template import Template

CLASSIC = "classic"
SRE = "sre"
BUILTIN = (CLASSIC, SRE)
FOLDER = "templates"
"""The folder beside the drafts that holds a team's own templates (`NAME.toml`)."""
MAX_BYTES = 256 * 1024


class TemplateError(ValueError):
    """A template that cannot be used, said in one line (the file and the line or key)."""


class TemplateInfo(NamedTuple):
    """A template pmwizard can offer: its name, its title and where it comes from."""

    name: str
    title: str
    source: str  # `built-in`, or the file's path
    error: str | None = None


def builtin_text(name: str) -> str:
    """The TOML text of a built-in template."""
    from importlib import resources

    return resources.files(__package__).joinpath(f"{name}.toml").read_text(encoding="utf-8")


@cache
def builtin(name: str) -> Template:
    """A built-in template, read once and built as its file says without validating it (every
    command reads one; `valid_builtin` is the check its tests make)."""
    from wizard import memo
    from wizard.templates.template import built

    return built(memo.toml(builtin_text(name)))


def valid_builtin(name: str) -> Template:
    """A built-in template validated as a team's file is, its import patterns compiled."""
    return parse(builtin_text(name), f"built-in {name}")


def classic() -> Template:
    return builtin(CLASSIC)


def folder(root: Path) -> Path:
    """Where a team's own templates live for the drafts in `root`."""
    return root / FOLDER


def parse(text: str, source: str) -> Template:
    """A template from its TOML text; TemplateError names `source` and the line or key."""
    import tomllib

    from pydantic import ValidationError

    from wizard.templates.template import Template

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TemplateError(f"{source}: not valid TOML: {error}") from None
    try:
        return Template.model_validate(data)
    except ValidationError as error:
        # A mistyped key explains the missing one it stands for: say it first.
        item = min(error.errors(), key=lambda e: e["type"] != "extra_forbidden")
        loc = item["loc"]
        message = item["msg"].removeprefix("Value error, ")
        key = _key_text(loc)
        line = _line_of(text, loc)
        where = f"line {line}, " if line else ""
        raise TemplateError(f"{source}: {where}{key or 'the template'}: {message}") from None


def _key_text(loc: tuple[Any, ...]) -> str:
    """`sections[2].heading` from pydantic's location."""
    text = ""
    for part in loc:
        text += f"[{part + 1}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text


def _line_of(text: str, loc: tuple[Any, ...]) -> int | None:
    """The line of the TOML text that location `loc` points at, as near as can be told: inside
    its `[[table]]`, the line of each key in turn (an inline table's too, counting the `{` of
    an array's items), else the deepest found, else the table's header."""
    lines = text.splitlines()
    start, end, path = 0, len(lines), loc
    found: int | None = None
    if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int):
        headers = [
            n for n, line in enumerate(lines) if re.match(rf"\s*\[\[\s*{loc[0]}\s*\]\]", line)
        ]
        if loc[1] < len(headers):
            start = found = headers[loc[1]]
            end = next(
                (n for n in range(start + 1, len(lines)) if lines[n].lstrip().startswith("[")),
                len(lines),
            )
            path = loc[2:]
    for step, part in enumerate(path):
        if isinstance(part, str):
            key = re.compile(rf"(?:^|[{{,])\s*{re.escape(part)}\s*=")
            hit = next((n for n in range(start, end) if key.search(lines[n])), None)
        elif step + 1 < len(path) and isinstance(path[step + 1], str):  # an item's own keys
            opened = 0
            hit = None
            for number in range(start, end):
                opened += lines[number].count("{")
                if opened > part:
                    hit = number
                    break
        else:
            hit = None
        if hit is not None:
            start = found = hit
    return found + 1 if found is not None else None


def read_file(path: Path) -> Template:
    """A team's template file; TemplateError when it cannot be read or used."""
    try:
        data = path.read_bytes()[: MAX_BYTES + 1]
    except OSError as error:
        raise TemplateError(f"{path}: {error.strerror or error}") from None
    if len(data) > MAX_BYTES:
        raise TemplateError(f"{path}: larger than {MAX_BYTES // 1024} KB, not a template")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise TemplateError(f"{path}: not UTF-8 text") from None
    template = parse(text, str(path))
    if template.name != path.stem:
        raise TemplateError(
            f"{path}: line {_line_of(text, ('name',)) or 1}, name: {template.name!r} must be "
            f"the file's name ({path.stem!r})"
        )
    return template


def own_files(root: Path) -> list[Path]:
    """A team's template files beside the drafts in `root`, by name."""
    where = folder(root)
    if not where.is_dir():
        return []
    return sorted(p for p in where.glob("*.toml") if p.is_file() and not p.name.startswith("."))


def available(root: Path) -> list[TemplateInfo]:
    """Every template: the built-in ones, then the team's own (a broken file says why, and so
    does one named like a built-in template, which is not used)."""
    found = [TemplateInfo(name, builtin(name).title, "built-in") for name in BUILTIN]
    for path in own_files(root):
        if path.stem in BUILTIN:
            unused = (
                f"{path}: not used: it has the name of the built-in template {path.stem!r}; "
                "rename the file and the name in it"
            )
            found.append(TemplateInfo(path.stem, "", str(path), unused))
            continue
        try:
            template = read_file(path)
        except TemplateError as error:
            found.append(TemplateInfo(path.stem, "", str(path), str(error)))
            continue
        found.append(TemplateInfo(template.name, template.title, str(path)))
    return found


def names(root: Path) -> list[str]:
    """The names `--template` takes."""
    return list(dict.fromkeys(info.name for info in available(root)))


def find(name: str, root: Path | None = None) -> Template:
    """The template called `name` (built-in first, then the team's file beside the drafts in
    `root`, by default $PMWIZARD_HOME); TemplateError for a name that is none (listing the
    known ones) or a file that cannot be used."""
    if name in BUILTIN:
        return builtin(name)
    if root is None:
        from wizard.drafts import default_root

        root = default_root()
    path = folder(root) / f"{name}.toml"
    if re.fullmatch(r"[a-z][a-z0-9_]*", name) and path.is_file():
        return read_file(path)
    known = ", ".join(names(root))
    raise TemplateError(f"no template named {name!r} (no file {path}); known templates: {known}")


def of(pm: Postmortem, root: Path | None = None) -> Template:
    """The template a draft follows; TemplateError when its file is gone or broken."""
    return find(pm.template, root)


STAND_IN_SECTION = "other_parts"


def stand_in(pm: Postmortem) -> Template:
    """The template a draft is shown by while its own cannot be read: classic, with a last
    section holding the draft's other parts, so that none of its text is out of sight."""
    from wizard.templates.template import PART_FIELDS, Template

    parts = [
        {
            "field": name,
            "heading": name.replace("_", " ").capitalize(),
            "kind": "text" if isinstance(value, str) else "list",
        }
        for name, value in pm.parts.items()
        if name not in PART_FIELDS
    ]
    if not parts:
        return classic()
    data = classic().model_dump()
    data["sections"].append({"id": STAND_IN_SECTION, "heading": "Other parts", "parts": parts})
    return Template.model_validate(data)
