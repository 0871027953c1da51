"""Batched writes to Odoo: multi-record create, grouped write, external ids."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from bridge.errors import FatalError
from bridge.mapping import MODULE, Record, Reject
from bridge.matcher import chunks
from bridge.odoo_client import BULK_CONTEXT, OdooClient
from bridge.planner import group_writes
from bridge.state import StateStore

log = logging.getLogger(__name__)
LOAD_LATER = "parent_id"  # written after load, see Applier._load
# Per model: Odoo fills activities' res_model_id from this default (ir.model
# itself is closed to API users)
MODEL_CONTEXT = {"mail.activity": {"default_res_model": "res.partner"}}


class Applier:
    """Sends batches to Odoo from ``workers`` threads, each with its own
    connection; the state store is written from the calling thread only, in
    batch order."""

    def __init__(
        self,
        client: OdooClient,
        state: StateStore,
        source: str,
        run_id: int,
        batch_size: int,
        workers: int = 1,
        model: str = "res.partner",
        after_batch: Callable[[str, int], None] | None = None,
        progress: Callable[[int], None] | None = None,
    ):
        self.client = client
        self.state = state
        self.source = source
        self.run_id = run_id
        self.batch_size = batch_size
        self.workers = workers
        self.model = model
        self.context = {**BULK_CONTEXT, **MODEL_CONTEXT.get(model, {})}
        self.after_batch = after_batch
        self.progress = progress or (lambda n: None)
        self.batches = 0
        self._local = threading.local()

    def _client(self) -> OdooClient:
        if self.workers == 1:
            return self.client
        if not hasattr(self._local, "client"):
            self._local.client = self.client.fork()
        return self._local.client

    def _done(self, entity: str, size: int) -> None:
        self.batches += 1
        self.progress(size)
        self.state.checkpoint(self.run_id, entity, self.batches)
        if self.after_batch:
            self.after_batch(entity, self.batches)

    def _pipeline(self, work: Callable, batches: list, finish: Callable) -> None:
        """``work(batch)`` in the pool, ``finish(batch, result)`` here, in order.
        If ``finish`` raises, batches already sent are still finished."""
        with ThreadPoolExecutor(self.workers) as pool:
            futures = [pool.submit(work, batch) for batch in batches]
            pending = list(zip(batches, futures, strict=True))
            try:
                while pending:
                    batch, future = pending[0]
                    result = future.result()
                    pending.pop(0)
                    finish(batch, result)
            except BaseException:
                for _batch, future in pending:
                    future.cancel()
                for batch, future in pending:
                    if not future.cancelled() and future.exception() is None:
                        finish(batch, future.result(), quiet=True)
                raise

    def create(
        self, entity: str, items: list[tuple[Record, dict]], fast: bool
    ) -> tuple[dict[str, int], list[Reject]]:
        """Create partners with the bridge's external ids. ``fast``: the keys
        are journalled as pending, then a multi-record ``create``, the ids go
        to the state, then one ``ir.model.data`` create per batch (needs
        Settings rights). Otherwise ``load``, which creates both in one
        transaction for any user allowed to create partners, at about half
        the speed."""
        created: dict[str, int] = {}
        rejects: list[Reject] = []

        def finish(batch, result, quiet=False):
            pairs, refused = result
            rejects.extend(refused)
            if not pairs:
                return
            if fast:  # digest None: created, external id not confirmed yet
                self.state.save_records(
                    self.source, entity, [(r.pk, r.key, i, None) for r, i in pairs]
                )
                self.create_external_ids([(r.key, i) for r, i in pairs])
            self.state.save_records(
                self.source, entity, [(r.pk, r.key, i, r.digest) for r, i in pairs]
            )
            created.update((r.pk, i) for r, i in pairs)
            if not quiet:
                self._done(entity, len(pairs))

        if fast:
            self.state.add_pending(self.source, entity, [r.pk for r, _v in items])
        work = self._create_fast if fast else self._load
        self._pipeline(lambda b: work(entity, b), list(chunks(items, self.batch_size)),
                       finish)  # fmt: skip
        return created, rejects

    def _create_fast(self, entity: str, batch: list[tuple[Record, dict]]):
        ids = self._client().execute(
            self.model, "create", [[vals for _r, vals in batch]],
            {"context": self.context},
        )  # fmt: skip
        return list(zip((r for r, _v in batch), ids, strict=True)), []

    def _load(self, entity: str, batch: list[tuple[Record, dict]]):
        """``load``, then ``parent_id`` by grouped writes: ``load`` with a
        parent reads the parent's accounting fields, which a user without
        accounting rights may not read (``create`` and ``write`` do not)."""
        rejects: list[Reject] = []
        while batch:
            later = [(vals.get(LOAD_LATER), vals) for _r, vals in batch]
            now = [(r, {k: v for k, v in vals.items() if k != LOAD_LATER})
                   for r, vals in batch]  # fmt: skip
            columns, rows = _load_rows(now)
            result = self._client().execute(
                self.model, "load", [columns, rows], {"context": self.context}
            )
            failed = _failed_rows(result, len(batch))
            if not failed:
                ids = result["ids"]
                pairs = [
                    (i, {LOAD_LATER: p}) for i, (p, _v) in zip(ids, later, strict=True)
                ]
                for group, values in group_writes(
                    [(i, v) for i, v in pairs if v[LOAD_LATER]]
                ):
                    self._client().execute(
                        self.model, "write", [group, values], {"context": self.context}
                    )
                return list(zip((r for r, _v in batch), ids, strict=True)), rejects
            rejects += [Reject(entity, batch[i][0].pk, batch[i][0].line,
                               f"Odoo refused it: {msg}", batch[i][0].raw)
                        for i, msg in failed.items()]  # fmt: skip
            batch = [item for i, item in enumerate(batch) if i not in failed]
        return [], rejects

    def create_external_ids(self, pairs: list[tuple[str, int]]) -> None:
        """Attach external ids to partners (needs the Settings rights that
        ``ir.model.data`` requires)."""
        if not pairs:
            return
        self.client.execute(
            "ir.model.data",
            "create",
            [[
                {"module": MODULE, "name": key, "model": self.model,
                 "res_id": odoo_id, "noupdate": True}
                for key, odoo_id in pairs
            ]],
        )  # fmt: skip

    def write(self, entity: str, items: list[tuple[Record, int, dict]]) -> None:
        """Write changed values, grouped by identical values, and record hashes."""

        def work(batch):
            for ids, values in group_writes([(i, v) for _r, i, v in batch if v]):
                self._client().execute(
                    self.model, "write", [ids, values], {"context": self.context}
                )

        def finish(batch, _result, quiet=False):
            self.state.save_records(
                self.source, entity, [(r.pk, r.key, i, r.digest) for r, i, _v in batch]
            )
            if not quiet:
                self._done(entity, len(batch))

        self._pipeline(work, list(chunks(items, self.batch_size)), finish)


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
            elif isinstance(value, list):  # x2many (4, id) commands
                row.append(",".join(str(command[1]) for command in value))
            elif value is False and name == "is_company":
                row.append("0")
            elif value in (None, False):
                row.append("")
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
