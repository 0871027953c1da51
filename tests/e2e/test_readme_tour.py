"""The README's tour names the menus word for word, on the live family database.

Every ``*A > B > C*`` (or bold) path of the tour whose first step is a main
menu is walked through the menus the admin sees: each step must be a submenu
of the one before, until a step that is not a menu name (it starts with a
lower-case word, "any contact", "a segment"). In the Dashboards app the step
after the root is a dashboard's name. Every menu of the Relationship app must
in turn be named in the tour, in emphasis, so that a renamed or new menu
fails here until the README follows.
"""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"
EMPHASIS = re.compile(r"\*{1,2}([^*]+?)\*{1,2}")
APP = "Relationship"
DASHBOARDS = "Dashboards"


def tour_text() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("## A tour of the features")
    end = text.index("\n## ", start + 1)
    return re.sub(r"\s+", " ", text[start:end])


def emphasised(text: str) -> list[str]:
    return [match.strip() for match in EMPHASIS.findall(text)]


def menu_tree(client) -> dict[int, dict]:
    menus = client.execute(
        "ir.ui.menu", "search_read", [[]], {"fields": ["name", "parent_id"]}
    )
    return {menu["id"]: menu for menu in menus}


def children(tree: dict[int, dict], parent_id: int | None) -> dict[str, int]:
    return {
        menu["name"]: menu_id
        for menu_id, menu in tree.items()
        if (menu["parent_id"] or [None])[0] == parent_id
    }


def walk(path: str, tree, dashboards: set[str]) -> str | None:
    """None when the path matches the menus, else what does not match."""
    steps = [step.strip() for step in path.split(">")]
    parent = children(tree, None)[steps[0]]
    for position, step in enumerate(steps[1:], start=1):
        submenus = children(tree, parent)
        if step in submenus:
            parent = submenus[step]
        elif step[:1].islower() or (
            steps[0] == DASHBOARDS and position == 1 and step in dashboards
        ):
            return None
        else:
            return f"{path!r}: no menu {step!r} under {steps[position - 1]!r}"
    return None


def test_tour_paths_are_menus(admin_client):
    tree = menu_tree(admin_client)
    roots = children(tree, None)
    dashboards = {
        row["name"]
        for row in admin_client.execute(
            "spreadsheet.dashboard", "search_read", [[]], {"fields": ["name"]}
        )
    }
    paths = [
        span
        for span in emphasised(tour_text())
        if ">" in span and span.split(">")[0].strip() in roots
    ]
    assert any(path.startswith(APP) for path in paths), "no Relationship path"
    wrong = [error for path in paths if (error := walk(path, tree, dashboards))]
    assert not wrong, "\n".join(wrong)


def test_every_relationship_menu_is_in_the_tour(admin_client):
    tree = menu_tree(admin_client)
    named = set()
    for span in emphasised(tour_text()):
        named.update(step.strip() for step in span.split(">"))
    app_id = children(tree, None)[APP]
    pending, missing = [app_id], []
    while pending:
        for name, menu_id in children(tree, pending.pop()).items():
            pending.append(menu_id)
            if name not in named:
                missing.append(name)
    assert not missing, f"menus of the Relationship app not in the tour: {missing}"
