"""The add-on family, read from the manifests under addons/."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

ADDONS = Path(__file__).resolve().parents[2] / "addons"
# The application: installing it installs every capability (auto_install).
APP = "crm_relationship"


@cache
def manifests() -> dict[str, dict]:
    """Manifest of every add-on of the family, by name."""
    return {
        path.parent.name: ast.literal_eval(path.read_text())
        for path in sorted(ADDONS.glob("*/__manifest__.py"))
    }


def names() -> list[str]:
    """Every add-on, dependencies first (for logs that read top-down)."""
    ordered: list[str] = []

    def visit(name: str) -> None:
        if name in ordered:
            return
        for dep in manifests()[name]["depends"]:
            if dep in manifests():
                visit(dep)
        ordered.append(name)

    for name in manifests():
        visit(name)
    return ordered


def closure(name: str) -> list[str]:
    """``name`` and the family add-ons it depends on, directly or not."""
    return [n for n in names() if n == name or n in _ancestors(name)]


def _ancestors(name: str) -> set[str]:
    found: set[str] = set()
    todo = [d for d in manifests()[name]["depends"] if d in manifests()]
    while todo:
        dep = todo.pop()
        if dep not in found:
            found.add(dep)
            todo += [d for d in manifests()[dep]["depends"] if d in manifests()]
    return found


def dependents(name: str) -> list[str]:
    """The add-ons that depend on ``name``, directly or not."""
    return [n for n in names() if name in _ancestors(n)]
