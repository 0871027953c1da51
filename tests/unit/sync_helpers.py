"""A sync against the in-memory Odoo: configs, export files, partner checks."""

from __future__ import annotations

import csv
from pathlib import Path

from fake_odoo import FakeOdoo

from bridge.config import Config, OdooSection, SourceSection, StateSection, SyncSection
from bridge.state import StateStore
from bridge.sync import Sync

HEADER = ["Record ID", "First Name", "Last Name", "Email", "Phone Number",
          "Company Name", "City", "Country/Region"]  # fmt: skip


def contacts_csv(path: Path, rows: list[list[str]], header=HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def people(n: int, start: int = 1) -> list[list[str]]:
    return [[str(i), "Ann", f"Doe{i}", f"ann{i}@x.example", "", "", "", ""]
            for i in range(start, start + n)]  # fmt: skip


def config(tmp_path: Path, files: dict[str, Path], preset="hubspot", **sync) -> Config:
    return Config(
        odoo=OdooSection("http://fake", "db", "bridge", secret="s"),
        source=SourceSection(name="hs", preset=preset,
                             files={k: str(v) for k, v in files.items()}),
        sync=SyncSection(**{"workers": 1, **sync}),
        state=StateSection(path=str(tmp_path / "state.sqlite")),
        base_dir=tmp_path,
    )  # fmt: skip


def sync(cfg: Config, odoo: FakeOdoo, **kwargs):
    state = StateStore(cfg.state.location(cfg))
    try:
        return Sync(cfg, odoo, state, **kwargs).run()
    finally:
        state.close()


def linked(odoo: FakeOdoo) -> dict[str, int]:
    """External id name -> partner id."""
    return {r["name"]: r["res_id"] for r in odoo.table("ir.model.data").values()}


def totals(result) -> dict[str, int]:
    return {entity: sum(counts.values()) for entity, counts in result.counts.items()}
