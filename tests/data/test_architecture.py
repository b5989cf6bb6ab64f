"""The house's rules, read from the imports of every module (also those inside functions):

- lotse/ is the domain: it imports nothing of Rasa, of the actions, of the web layer;
- actions/ and web/ are thin: they call lotse's services and never open a database session
  (no SQLAlchemy, no `session_scope`);
- no cycle between lotse's packages (a top-level module counts as a package of its own).
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterator
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FOREIGN_TO_LOTSE = ("rasa", "rasa_sdk", "actions", "web", "action_server", "rasa_addons")
THIN_LAYERS = ("actions", "web")


def python_files(folder: str) -> list[Path]:
    return sorted(path for path in (ROOT / folder).rglob("*.py") if "node_modules" not in path.parts)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, name: str | None = None) -> Iterator[tuple[int, str, list[str]]]:
    """(line, imported module, names) for every import of a file (module `name`, else from its
    place), relative ones resolved."""
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, []
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                package = (name or module_name(path)).split(".")
                if path.name != "__init__.py":
                    package = package[:-1]
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, module] if module else base)
            yield node.lineno, module, [alias.name for alias in node.names]


def top(module: str) -> str:
    return module.split(".")[0]


def test_lotse_imports_nothing_of_rasa_the_actions_or_the_web() -> None:
    found = [f"{path.relative_to(ROOT)}:{line}: {module}"
             for path in python_files("lotse") for line, module, _ in imports(path)
             if top(module) in FOREIGN_TO_LOTSE]
    assert not found, "lotse/ muss ohne Rasa, actions/ und web/ auskommen:\n" + "\n".join(found)


@pytest.mark.parametrize("layer", THIN_LAYERS)
def test_thin_layers_open_no_database_session(layer: str) -> None:
    found = [f"{path.relative_to(ROOT)}:{line}: {module} {names}"
             for path in python_files(layer) for line, module, names in imports(path)
             if top(module) == "sqlalchemy" or (module == "lotse.db" and "session_scope" in names)]
    assert not found, (f"{layer}/ ruft Dienste in lotse/ auf, die Sitzung und Fehlerregel selbst "
                       "tragen (kein SQLAlchemy, kein session_scope):\n" + "\n".join(found))


def package_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "lotse" and len(parts) > 1 else None


def package_graph() -> tuple[dict[str, set[str]], dict[tuple[str, str], str]]:
    """Which lotse package imports which, and one place (file:line) for every such edge."""
    graph: dict[str, set[str]] = defaultdict(set)
    where: dict[tuple[str, str], str] = {}
    for path in python_files("lotse"):
        source = package_of(module_name(path))
        if source is None:
            continue
        graph[source]
        for line, module, names in imports(path):
            targets = [package_of(module)]
            if module == "lotse":  # `from lotse import worker`
                targets = list(names)
            for target in targets:
                if target and target != source:
                    graph[source].add(target)
                    where.setdefault((source, target), f"{path.relative_to(ROOT)}:{line}")
    return graph, where


def test_no_cycle_between_the_packages_of_lotse() -> None:
    graph, where = package_graph()
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as error:
        cycle = error.args[1]
        # graphlib names the cycle from the importing end: each package is imported by the one before.
        steps = [f"{later} importiert {earlier} ({where.get((later, earlier), '?')})"
                 for earlier, later in zip(cycle, cycle[1:], strict=False)]
        pytest.fail("Zyklus zwischen Paketen von lotse/:\n" + "\n".join(steps))
    assert {"db", "redaction", "handover", "privacy", "staff", "worker"} <= set(order)


def test_the_graph_sees_imports_inside_functions_and_relative_ones(tmp_path: Path) -> None:
    """The rules above are only as good as the reader: a hidden import must be seen."""
    module = tmp_path / "probe.py"
    module.write_text("def later():\n    from lotse.privacy import retention\n\nfrom . import cases\n")
    found = list(imports(module, "lotse.handover.probe"))
    assert (2, "lotse.privacy", ["retention"]) in found
    assert (4, "lotse.handover", ["cases"]) in found


def test_redaction_is_a_leaf_that_rasa_can_import() -> None:
    """The tracker store in Rasa's environment imports it: standard library and phonenumbers only."""
    allowed = {"re", "copy", "collections", "typing", "phonenumbers", "__future__", "lotse", "logging",
               "traceback", "pathlib", "functools"}
    found = [f"{path.relative_to(ROOT)}:{line}: {module}"
             for path in python_files("lotse/redaction") for line, module, _ in imports(path)
             if top(module) not in allowed
             or (top(module) == "lotse" and not module.startswith("lotse.redaction"))]
    assert not found, "\n".join(found)
