"""Batched writes to Odoo: multi-record create, grouped write, external ids."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from bridge.errors import FatalError, RetriableError
from bridge.fence import FENCED_FIELDS, fenced, open_tokens, settle
from bridge.mapping import MODULE, Record, Reject
from bridge.matcher import chunks, find_external_ids, find_orphans
from bridge.odoo_client import BULK_CONTEXT, OdooClient
from bridge.planner import group_writes
from bridge.state import StateStore

log = logging.getLogger(__name__)
LOAD_LATER = "parent_id"  # written after load, see Applier._load
# Per model: Odoo fills activities' res_model_id from this default (ir.model
# itself is closed to API users)
MODEL_CONTEXT = {"mail.activity": {"default_res_model": "res.partner"}}
RECONCILE_ROUNDS = 8  # in-doubt creates settled and sent again at most this often


@dataclass
class Outcome:
    """What became of a create batch's rows."""

    pairs: list[tuple[Record, int]] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    doubt: list[tuple[Record, dict]] = field(default_factory=list)  # may exist

    def plus(self, other: Outcome) -> Outcome:
        return Outcome(self.pairs + other.pairs, self.rejects + other.rejects,
                       self.doubt + other.doubt)  # fmt: skip


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
        self,
        entity: str,
        items: list[tuple[Record, dict]],
        fast: bool,
        report: Callable[[list[tuple[Record, int]], list[Reject]], None],
    ) -> None:
        """Create records with the bridge's external ids; ``report(created,
        rejected)`` is called as each batch ends, so that a run failing later
        still counts what it did.

        ``fast``: the keys are journalled with the batch's fencing token (see
        ``bridge.fence``), then a multi-record ``create``, the ids go to the
        state, then one ``ir.model.data`` create per batch (needs Settings
        rights). Otherwise ``load``, which creates both in one transaction
        for any user allowed to create partners, at about a third of the
        speed. Either way a batch Odoo refuses is split until the refused
        rows are found; they are rejected with Odoo's reason, the rest
        created."""
        self.fast = fast
        field = FENCED_FIELDS.get(self.model) if fast else None
        batches = list(chunks(items, self.batch_size))
        tokens = (
            open_tokens(self.client, self.source, len(batches))
            if field
            else [None] * len(batches)
        )
        jobs = list(zip(batches, tokens, strict=True))
        if fast:
            self.state.add_intents(
                self.source, entity, [(r.pk, t) for b, t in jobs for r, _v in b]
            )

        def finish(job, outcome: Outcome, quiet=False):
            batch, token = job
            self._keep(entity, outcome, report)
            if outcome.doubt:
                self._reconcile(entity, outcome.doubt, token, report)
            if not quiet:
                self._done(entity, len(batch))

        self._pipeline(lambda job: self._send(entity, *job), jobs, finish)
        if field:
            settle(self.client, tokens)

    def _send(self, entity: str, batch: list, token: int | None) -> Outcome:
        """One batch; a batch Odoo refuses is split in two, down to the row."""
        try:
            if not self.fast:
                return self._load(entity, batch)
            return self._create(batch, token)
        except FatalError as exc:
            if len(batch) == 1:
                return Outcome(rejects=[_refused(entity, batch[0][0], str(exc))])
            half = len(batch) // 2
            first = self._send(entity, batch[:half], token)
            return first.plus(self._send(entity, batch[half:], token))
        except RetriableError as exc:
            if not exc.in_doubt:
                raise
            log.warning("create of %d %s in doubt: %s", len(batch), entity, exc)
            return Outcome(doubt=list(batch))

    def _create(self, batch: list, token: int | None) -> Outcome:
        field = FENCED_FIELDS.get(self.model)
        values = [fenced(v, field, token) if token else v for _r, v in batch]
        ids = self._client().execute(
            self.model, "create", [values], {"context": self.context}
        )
        return Outcome(list(zip((r for r, _v in batch), ids, strict=True)))

    def _keep(self, entity: str, outcome: Outcome, report) -> None:
        """State, external ids and counts of a batch's created and refused rows."""
        pairs = outcome.pairs
        if pairs and self.fast:  # digest None: created, external id not confirmed
            self.state.save_records(
                self.source, entity, [(r.pk, r.key, i, None) for r, i in pairs]
            )
            self.create_external_ids([(r.key, i) for r, i in pairs])
        if pairs:
            self.state.save_records(
                self.source, entity, [(r.pk, r.key, i, r.digest) for r, i in pairs]
            )
        if outcome.rejects:
            pks = [r.pk for r in outcome.rejects]
            self.state.clear_intents(self.source, entity, pks)
        if pairs or outcome.rejects:
            report(pairs, outcome.rejects)

    def _reconcile(self, entity: str, items: list, token: int | None, report) -> None:
        """Records whose create is in doubt: settle their batch, adopt what it
        committed, send only the rest again, under a new token, in batches
        half as large each round (a batch that cannot finish within the
        call's timeout is cancelled by its settling, never duplicated)."""
        size = len(items)
        for _round in range(RECONCILE_ROUNDS):
            self._adopt(entity, items, token, report)
            known = self.state.known(self.source, entity)
            items = [(r, v) for r, v in items if r.pk not in known]
            if not items:
                return
            token = None
            if FENCED_FIELDS.get(self.model):
                (token,) = open_tokens(self.client, self.source, 1)
            intents = [(r.pk, token) for r, _v in items]
            self.state.add_intents(self.source, entity, intents)
            size = max(1, size // 2)
            doubt = []
            for part in chunks(items, size):
                outcome = self._send(entity, part, token)
                self._keep(entity, outcome, report)
                doubt += outcome.doubt
            items = doubt
            if not items:
                if token:
                    settle(self.client, [token])
                return
        raise RetriableError(
            f"{len(items)} {entity} still in doubt after {RECONCILE_ROUNDS} "
            "attempts; run the same command again"
        )

    def _adopt(self, entity: str, items: list, token: int | None, report) -> None:
        """Wait until the batch of ``token`` can no longer commit, then keep
        the records it created (found by creator, date and values)."""
        if token:
            settle(self.client, [token])
        records = [r for r, _v in items]
        intents = self.state.intents(self.source, entity)
        dates = [intents[r.pk][1] for r in records if r.pk in intents]
        if not dates:
            return
        found = find_orphans(self.client, records, min(dates), set(), self.model)
        pairs = [(r, found[r.pk]) for r in records if r.pk in found]
        if pairs:
            log.warning("%d %s were created by a call whose outcome was in doubt; "
                        "linked, not created again", len(pairs), entity)  # fmt: skip
        self._keep(entity, Outcome(pairs), report)

    def _load(self, entity: str, batch: list[tuple[Record, dict]]) -> Outcome:
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
                records = (r for r, _v in batch)
                return Outcome(list(zip(records, ids, strict=True)), rejects)
            rejects += [_refused(entity, batch[i][0], msg) for i, msg in failed.items()]
            batch = [item for i, item in enumerate(batch) if i not in failed]
        return Outcome(rejects=rejects)

    def create_external_ids(self, pairs: list[tuple[str, int]]) -> None:
        """Attach external ids to partners (needs the Settings rights that
        ``ir.model.data`` requires)."""
        if not pairs:
            return
        try:
            self._create_external_ids(pairs)
        except RetriableError as exc:
            if not exc.in_doubt:
                raise
            present = find_external_ids(self.client, [k for k, _i in pairs], self.model)
            self._create_external_ids([p for p in pairs if p[0] not in present])

    def _create_external_ids(self, pairs: list[tuple[str, int]]) -> None:
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


def _refused(entity: str, record: Record, message: str) -> Reject:
    return Reject(entity, record.pk, record.line, f"Odoo refused it: {message}",
                  record.raw)  # fmt: skip
