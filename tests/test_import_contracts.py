"""Import contracts, read from the source with `ast`: the core never imports the UI, and the
`wizard` modules import each other without cycles.

Which imports count:
- UI imports (`textual`, `rich`, `wizard.ui`) count wherever they are written in a core module:
  at module level, inside a function or under `TYPE_CHECKING`. The one exception is the
  command line's launch of the wizard (`wizard/cli.py`), which imports `wizard.ui` inside the
  function that starts it, so the other commands never load it.
- Cycles are looked for among the imports that run when a module is loaded: module level,
  including those inside `try` or `if` at module level, but not those under
  `if TYPE_CHECKING:` (never run) nor those inside a function or method (lazy imports run
  when called, after every module involved has loaded, and are how a module defers a heavy
  or optional dependency).
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import wizard

PACKAGE = Path(wizard.__file__).resolve().parent
REPO = PACKAGE.parent
UI_ROOTS = ("textual", "rich", "wizard.ui")
LAZY_UI_ALLOWED = {"wizard.cli"}  # starts the wizard from inside a function


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports(module: str) -> Iterator[tuple[str, int, str]]:
    """(imported module, line, where) for every import in `module`; `where` is "module",
    "function" or "type-checking"."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]

    def visit(node: ast.AST, where: str) -> Iterator[tuple[str, int, str]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                for alias in child.names:
                    yield alias.name, child.lineno, where
            elif isinstance(child, ast.ImportFrom):
                yield from from_import(child, where)
            elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                yield from visit(child, "function")
            elif isinstance(child, ast.If) and is_type_checking(child.test):
                for statement in child.body:
                    yield from visit(ast.Module(body=[statement], type_ignores=[]), "type-checking")
                for statement in child.orelse:
                    yield from visit(ast.Module(body=[statement], type_ignores=[]), where)
            else:
                yield from visit(child, where)

    def from_import(node: ast.ImportFrom, where: str) -> Iterator[tuple[str, int, str]]:
        base = node.module or ""
        if node.level:
            anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
            base = ".".join([*anchor, base] if base else anchor)
        for alias in node.names:
            submodule = f"{base}.{alias.name}"
            yield (submodule if submodule in MODULES else base), node.lineno, where

    yield from visit(tree, "module")


def within(name: str, root: str) -> bool:
    return name == root or name.startswith(root + ".")


def test_the_contracts_see_every_module() -> None:
    assert {"wizard.cli", "wizard.session", "wizard.ui.app", "wizard.time.zone_search"} <= set(
        MODULES
    )
    cli_imports = {name for name, _, _ in imports("wizard.cli")}
    assert "wizard.ui.launch" in cli_imports  # lazy imports are seen too


def test_the_core_never_imports_the_ui() -> None:
    found = [
        f"{MODULES[module].relative_to(REPO)}:{line} imports {name} ({where})"
        for module in MODULES
        if not within(module, "wizard.ui")
        for name, line, where in imports(module)
        if any(within(name, root) for root in UI_ROOTS)
        and not (module in LAZY_UI_ALLOWED and where == "function")
    ]
    assert not found, "the core imports the UI:\n" + "\n".join(found)


def import_graph() -> dict[str, set[str]]:
    """Module -> the `wizard` modules it imports when it is loaded."""
    return {
        module: {
            name
            for name, _, where in imports(module)
            if where == "module" and name in MODULES and name != module
        }
        for module in MODULES
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (and modules importing
    themselves), each sorted (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph[node]:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return found


def test_no_import_cycles_among_the_wizard_modules() -> None:
    found = cycles(import_graph())
    assert not found, "import cycles:\n" + "\n".join(" <-> ".join(group) for group in found)


def test_the_cycle_finder_finds_cycles() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert cycles(graph) == [["a", "b", "c"], ["e"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


NON_INTERACTIVE = """
import contextlib, io, json, pathlib, sys
from wizard import cli

def run(*args):
    with contextlib.redirect_stdout(io.StringIO()) as out:
        code = cli.main(list(args))
    assert code in (0, 1), (args, code)
    return out.getvalue()

run("new", "--example", "--name", "ex")
run("list")
run("list", "--json")
run("export", "ex", "-o", "ex.md")
run("export", "ex", "--format", "html", "-o", "-")
run("export", "ex", "--format", "json", "-o", "-")
run("check", "ex")
run("check", "--json", "ex.md")
run("import", "ex.md", "--name", "again")
run("rename", "again", "other")
run("delete", "other")
run("restore", "other")
run("schema")
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich") or
                m.startswith("wizard.ui"))
print(json.dumps(loaded))
"""


def test_the_non_interactive_commands_never_load_the_ui(
    isolated_home: Path, tmp_path: Path
) -> None:
    env = dict(os.environ, PMWIZARD_HOME=str(isolated_home), PYTHONIOENCODING="utf-8")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-c", NON_INTERACTIVE],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", f"the UI was loaded: {result.stdout}"
