"""One run: read the source, map, plan, match, apply in batches, record state."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bridge import report
from bridge.applier import Applier
from bridge.config import Config
from bridge.errors import FatalError
from bridge.mapping import MODULE, Record, Reject, map_row
from bridge.matcher import (
    find_external_ids,
    find_orphans,
    find_partners,
    linked_partner_ids,
    load_references,
    read_current,
)
from bridge.odoo_client import OdooClient
from bridge.planner import (
    Conflict,
    decide_update,
    implicit_companies,
    match_candidates,
    parent_key,
    plan_entity,
)
from bridge.sources.base import ENTITIES
from bridge.sources.factory import build_source
from bridge.state import StateStore

log = logging.getLogger(__name__)
ACTIONS = ("created", "updated", "linked", "unchanged", "rejected", "conflicts")


@dataclass
class RunResult:
    run_id: int
    dry_run: bool
    status: str = "running"
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    rejects: list[Reject] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    report: Path | None = None

    def count(self, entity: str, action: str, n: int = 1) -> None:
        self.counts.setdefault(entity, dict.fromkeys(ACTIONS, 0))[action] += n


class Progress:
    """Receives progress of the batched writes; the CLI draws it on a TTY."""

    def start(self, label: str, total: int) -> None:
        pass

    def advance(self, n: int) -> None:
        pass

    def finish(self) -> None:
        pass


class Sync:
    def __init__(
        self,
        config: Config,
        client: OdooClient,
        state: StateStore,
        dry_run: bool = False,
        after_batch: Callable[[str, int], None] | None = None,
        progress: Progress | None = None,
    ):
        self.config = config
        self.client = client
        self.state = state
        self.dry_run = dry_run
        self.after_batch = after_batch
        self.progress = progress or Progress()
        self.source_name = config.source.name
        self.ids: dict[str, dict[str, int]] = {e: {} for e in ENTITIES}

    def run(self) -> RunResult:
        command = "plan" if self.dry_run else "sync"
        resumed = self.state.last_failed_run(self.source_name)
        run_id = self.state.start_run(self.source_name, command, self.dry_run)
        result = RunResult(run_id, self.dry_run)
        if not self.dry_run:
            self.state.acquire(self.source_name, run_id)
        try:
            if resumed and not self.dry_run:
                result.notes.append(
                    f"resuming after run {resumed}, which did not finish"
                )
            self._run(result)
            rejected = any(c["rejected"] for c in result.counts.values())
            result.status = "rejects" if rejected else "ok"
        except BaseException:
            result.status = "failed"
            raise
        finally:
            self.state.add_rejects(run_id, result.rejects)
            self.state.add_conflicts(run_id, result.conflicts)
            self.state.finish_run(run_id, result.status, result.counts, result.timings)
            result.report = report.write(
                self.config.resolve(self.config.report.directory),
                self.state.run(run_id),
                self.state.rejects(run_id),
                self.state.conflicts(run_id),
            )
            if not self.dry_run:
                self.state.release(self.source_name)
        return result

    def _run(self, result: RunResult) -> None:
        started = time.monotonic()
        refs = load_references(self.client)
        self.can_link = self._can_manage_external_ids()
        source = build_source(self.config)
        records: dict[str, list[Record]] = {}
        cursors: dict[str, str] = {}
        for spec in source.entities():
            records[spec.name] = []
            for row in source.read(spec.name):
                mapped = map_row(
                    self.source_name, row, refs, self.config.source.default_region
                )
                if isinstance(mapped, Reject):
                    result.rejects.append(mapped)
                    result.count(spec.name, "rejected")
                    continue
                records[spec.name].append(mapped)
                if row.cursor and row.cursor > cursors.get(spec.name, ""):
                    cursors[spec.name] = row.cursor
        result.timings["read_s"] = round(time.monotonic() - started, 3)
        contacts = records.get("contacts", [])
        companies = records.get("companies", [])
        companies += implicit_companies(self.source_name, contacts, companies)
        if companies:
            self._entity("companies", companies, result)
        if contacts:
            by_name = {c.match["name"]: c.pk for c in companies}
            self._entity(
                "contacts", self._with_parents(contacts, by_name, result), result
            )
        if not self.dry_run:
            for entity, cursor in cursors.items():
                self.state.set_watermark(
                    self.source_name, entity, cursor, result.run_id
                )
        result.timings["total_s"] = round(time.monotonic() - started, 3)

    def _can_manage_external_ids(self) -> bool:
        try:
            self.client.execute(
                "ir.model.data", "search_count", [[("module", "=", MODULE)]]
            )
        except FatalError:
            return False
        return True

    def _with_parents(self, contacts, by_name, result) -> list[Record]:
        known = self.state.known(self.source_name, "companies")
        kept = []
        for record in contacts:
            pk = parent_key(record, by_name)
            if pk is not None:
                planned = self.ids["companies"]
                if pk not in planned and pk not in known:
                    result.rejects.append(Reject("contacts", record.pk, record.line,
                        f"missing parent: company {pk!r} is not in Odoo "
                        "(absent, rejected or in conflict)", record.raw))  # fmt: skip
                    result.count("contacts", "rejected")
                    continue
                # parent_id is an Odoo value; the digest already covers the parent pk
                parent_id = planned[pk] if pk in planned else known[pk].odoo_id
                if parent_id:  # None in a dry run when the company is yet to create
                    record.values["parent_id"] = parent_id
            kept.append(record)
        return kept

    def _entity(self, entity: str, records: list[Record], result: RunResult) -> None:
        started = time.monotonic()
        known = self.state.known(self.source_name, entity)
        plan = plan_entity(entity, records, known)
        result.rejects += plan.rejects
        result.count(entity, "rejected", len(plan.rejects))
        result.count(entity, "unchanged", len(plan.unchanged))
        for record in plan.unchanged:
            self.ids[entity][record.pk] = known[record.pk].odoo_id
        existing = [(r, k.odoo_id, k.synced_at) for r, k in plan.changed]
        unconfirmed = [(r.key, k.odoo_id) for r, k in plan.changed if k.digest is None]
        new = plan.new
        relinked = find_external_ids(self.client, [r.key for r in new]) if (
            self.can_link and new) else {}  # fmt: skip
        existing += [(r, relinked[r.key], None) for r in new if r.key in relinked]
        new = [r for r in new if r.key not in relinked]
        pending = self.state.pending(self.source_name, entity)
        orphans = [r for r in new if r.pk in pending]
        if orphans and self.can_link:
            since = min(pending[r.pk] for r in orphans)
            taken_ids = {k.odoo_id for k in known.values()}
            recovered = find_orphans(self.client, orphans, since, taken_ids)
            existing += [
                (r, recovered[r.pk], None) for r in orphans if r.pk in recovered
            ]
            unconfirmed += [
                (r.key, recovered[r.pk]) for r in orphans if r.pk in recovered
            ]
            new = [r for r in new if r.pk not in recovered]
            result.notes.append(
                f"found {len(recovered)} {entity} created by an interrupted run"
            )
        found = find_partners(self.client, new) if new else []
        taken = {k.odoo_id for k in known.values()}
        if self.can_link and found:
            taken |= linked_partner_ids(
                self.client, [p["id"] for p in found], f"{self.source_name}_{entity}_"
            )
        links, conflicts, creates = match_candidates(new, found, taken)
        by_pk = {r.pk: r for r in new}
        existing += [(by_pk[pk], oid, None) for pk, oid in links.items()]
        writes, conflicts2, gone = self._decide(existing)
        creates += gone
        conflicts += conflicts2
        result.conflicts += conflicts
        result.count(entity, "conflicts", len(conflicts))
        result.count(entity, "linked", len(links))
        others = [v for r, _i, v in writes if r.pk not in links]
        result.count(entity, "updated", sum(1 for v in others if v))
        result.count(entity, "unchanged", sum(1 for v in others if not v))
        if self.dry_run:
            result.count(entity, "created", len(creates))
            self.ids[entity].update((r.pk, oid) for r, oid, _v in writes)
            self.ids[entity].update((r.pk, None) for r in creates)  # would be created
            result.timings[f"{entity}_s"] = round(time.monotonic() - started, 3)
            return
        self.progress.start(entity, len(writes) + len(creates))
        applier = Applier(self.client, self.state, self.source_name, result.run_id,
                          self.config.sync.batch_size, self.config.sync.workers,
                          self.after_batch, self.progress.advance)  # fmt: skip
        if links and self.can_link:
            applier.create_external_ids(
                [(by_pk[pk].key, oid) for pk, oid in links.items()]
            )
        elif links:
            result.notes.append(
                f"{len(links)} {entity} matched existing partners by email/phone/VAT; "
                "the link is kept in the state store only (external ids in Odoo "
                "need Settings rights)"
            )
        if unconfirmed and self.can_link:  # a crash hit between create and ids
            present = find_external_ids(self.client, [key for key, _i in unconfirmed])
            applier.create_external_ids([p for p in unconfirmed if p[0] not in present])
        applier.write(entity, writes)
        self.ids[entity].update((r.pk, oid) for r, oid, _v in writes)
        fast = self.can_link and self.config.sync.create_method == "create"
        created, refused = applier.create(
            entity, [(r, _create_values(r)) for r in creates], fast
        )
        self.ids[entity].update(created)
        result.rejects += refused
        result.count(entity, "rejected", len(refused))
        result.count(entity, "created", len(created))
        result.timings[f"{entity}_s"] = round(time.monotonic() - started, 3)

    def _decide(self, existing):
        if not existing:
            return [], [], []
        fields = sorted({name for r, _i, _s in existing for name in r.values})
        current = read_current(self.client, [oid for _r, oid, _s in existing], fields)
        policy = self.config.sync.conflict_policy
        owned = frozenset(self.config.sync.odoo_owned_fields)
        writes, conflicts, gone = [], [], []
        for record, oid, synced_at in existing:
            if oid not in current:
                gone.append(record)  # deleted in Odoo: create it again
                continue
            decision = decide_update(record, current[oid], synced_at, policy, owned)
            if isinstance(decision, Conflict):
                conflicts.append(decision)
            else:
                writes.append((record, oid, decision))
        return writes, conflicts, gone


def _create_values(record: Record) -> dict:
    values = {k: v for k, v in record.values.items() if v not in (None, False, "")}
    values["is_company"] = record.values["is_company"]
    return values
