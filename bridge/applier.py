"""Batched writes to Odoo: multi-record create, grouped write, external ids."""

from __future__ import annotations

import logging
from collections.abc import Callable

from bridge.errors import FatalError
from bridge.mapping import MODULE, Record, Reject
from bridge.matcher import chunks
from bridge.odoo_client import BULK_CONTEXT, OdooClient
from bridge.planner import group_writes
from bridge.state import StateStore

log = logging.getLogger(__name__)


class Applier:
    def __init__(
        self,
        client: OdooClient,
        state: StateStore,
        source: str,
        run_id: int,
        batch_size: int,
        after_batch: Callable[[str, int], None] | None = None,
        progress: Callable[[int], None] | None = None,
    ):
        self.client = client
        self.state = state
        self.source = source
        self.run_id = run_id
        self.batch_size = batch_size
        self.after_batch = after_batch
        self.progress = progress or (lambda n: None)
        self.batches = 0

    def _done(self, entity: str, size: int) -> None:
        self.batches += 1
        self.progress(size)
        self.state.checkpoint(self.run_id, entity, self.batches)
        if self.after_batch:
            self.after_batch(entity, self.batches)

    def create(
        self, entity: str, items: list[tuple[Record, dict]]
    ) -> tuple[dict[str, int], list[Reject]]:
        """Create partners with their external ids through ``load``: one
        transaction per batch, so a crash never leaves a partner without its
        id, and any user allowed to create partners may do it."""
        created: dict[str, int] = {}
        rejects: list[Reject] = []
        for batch in chunks(items, self.batch_size):
            while batch:
                columns, rows = _load_rows(batch)
                result = self.client.execute(
                    "res.partner", "load", [columns, rows], {"context": BULK_CONTEXT}
                )
                failed = _failed_rows(result, len(batch))
                if not failed:
                    break
                rejects += [Reject(entity, batch[i][0].pk, batch[i][0].line,
                                   f"Odoo refused it: {msg}", batch[i][0].raw)
                            for i, msg in failed.items()]  # fmt: skip
                batch = [item for i, item in enumerate(batch) if i not in failed]
            if not batch:
                continue
            pairs = list(zip((r for r, _v in batch), result["ids"], strict=True))
            self.state.save_records(
                self.source, entity, [(r.pk, r.key, i, r.digest) for r, i in pairs]
            )
            created.update((r.pk, i) for r, i in pairs)
            self._done(entity, len(pairs))
        return created, rejects

    def create_external_ids(self, pairs: list[tuple[str, int]]) -> None:
        """Attach external ids to partners that existed before (needs the
        Settings rights that ``ir.model.data`` requires)."""
        if not pairs:
            return
        self.client.execute(
            "ir.model.data",
            "create",
            [[
                {"module": MODULE, "name": key, "model": "res.partner",
                 "res_id": odoo_id, "noupdate": True}
                for key, odoo_id in pairs
            ]],
        )  # fmt: skip

    def write(self, entity: str, items: list[tuple[Record, int, dict]]) -> None:
        """Write changed values, grouped by identical values, and record hashes."""
        for batch in chunks(items, self.batch_size):
            for ids, values in group_writes([(i, v) for _r, i, v in batch if v]):
                self.client.execute(
                    "res.partner", "write", [ids, values], {"context": BULK_CONTEXT}
                )
            self.state.save_records(
                self.source, entity, [(r.pk, r.key, i, r.digest) for r, i, _v in batch]
            )
            self._done(entity, len(batch))


def _load_rows(batch: list[tuple[Record, dict]]) -> tuple[list[str], list[list[str]]]:
    """``load`` columns and rows; many2one fields go by database id."""
    names = sorted({name for _r, vals in batch for name in vals})
    columns = ["id", *(f"{n}/.id" if n.endswith("_id") else n for n in names)]
    rows = []
    for record, vals in batch:
        row = [f"{MODULE}.{record.key}"]
        for name in names:
            value = vals.get(name)
            if value is True:
                row.append("1")
            elif value in (None, False):
                row.append("0" if name == "is_company" else "")
            else:
                row.append(str(value))
        rows.append(row)
    return columns, rows


def _failed_rows(result: dict, size: int) -> dict[int, str]:
    """Row index -> error message of a ``load`` call that was rolled back."""
    errors = [m for m in result.get("messages", []) if m.get("type") == "error"]
    if result.get("ids") and not errors:
        return {}
    failed: dict[int, str] = {}
    for message in errors:
        index = message.get("record")
        if isinstance(index, int) and 0 <= index < size:
            failed.setdefault(index, message.get("message", "error"))
    if not failed:
        text = "; ".join(m.get("message", "") for m in errors) or "load returned no ids"
        raise FatalError(f"Odoo rejected a whole batch: {text}")
    return failed
