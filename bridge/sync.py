"""One run: read the source, map, plan, match, apply in batches, record state."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bridge import report
from bridge.applier import Applier
from bridge.config import Config
from bridge.errors import FatalError, LockHeld
from bridge.fence import settle, source_tokens
from bridge.mapping import (
    GRIEVANCE_MODEL,
    MODELS,
    MODULE,
    Record,
    Reject,
    map_interaction,
    map_row,
    map_ticket,
)
from bridge.matcher import (
    activity_type_ids,
    category_ids,
    find_external_ids,
    find_orphans,
    find_partners,
    linked_ids,
    load_references,
    read_current,
)
from bridge.odoo_client import OdooClient, model_exists
from bridge.planner import (
    IMPLICIT_PREFIX,
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
# child entity -> (parent entity, field holding the parent's Odoo id)
PARENTS = {
    "contacts": ("companies", "parent_id"),
    "tickets": ("contacts", "partner_id"),
    "interactions": ("contacts", "res_id"),
    "activities": ("contacts", "res_id"),
}
SINGULAR = {"companies": "company", "contacts": "contact", "tickets": "ticket"}
IMPLIED = "companies named by contacts"  # counted apart: no row of their own
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

    def tally(self, entity: str, pks, action: str) -> None:
        """One count per record; companies the source only names by a
        contact's company name are counted apart from the file's rows."""
        for pk in pks:
            implied = pk.startswith(IMPLICIT_PREFIX)
            self.count(IMPLIED if implied else entity, action)

    def outcome(self) -> str:
        """ok, or what needs a look: rejected rows first, then conflicts."""
        for action, status in (("rejected", "rejects"), ("conflicts", "conflicts")):
            if any(c[action] for c in self.counts.values()):
                return status
        return "ok"


@dataclass
class Found:
    """Outcome of looking for an entity's records in Odoo."""

    existing: list[tuple[Record, int, str | None]] = field(default_factory=list)
    unconfirmed: list[tuple[str, int]] = field(default_factory=list)
    links: dict[str, int] = field(default_factory=dict)
    by_pk: dict[str, Record] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    creates: list[Record] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)  # placeholders taken over


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
        self.ids: dict[str, dict[str, int]] = {e: {} for e in MODELS}

    def run(self) -> RunResult:
        command = "plan" if self.dry_run else "sync"
        resumed = self.state.last_failed_run(self.source_name)
        run_id = self.state.start_run(self.source_name, command, self.dry_run)
        result = RunResult(run_id, self.dry_run)
        try:
            if not self.dry_run:
                self.state.acquire(self.source_name, run_id)
                self.state.close_dead_runs(except_run=run_id)
            if resumed and not self.dry_run:
                done = len(self.state.checkpoints(resumed))
                result.notes.append(
                    f"resuming after run {resumed}, which stopped after {done} "
                    "batches; what they wrote is not sent again"
                )
            self._run(result)
            result.status = result.outcome()
        except LockHeld:
            result.status = "locked"
            raise
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
        if self.can_link and not self.dry_run:  # a killed run's batches end here
            settle(self.client, source_tokens(self.client, self.source_name))
        watermarks = {e: self.state.watermark(self.source_name, e) for e in ENTITIES}
        source = build_source(self.config, watermarks)
        records: dict[str, list[Record]] = {}
        cursors: dict[str, str] = {}
        region = self.config.source.default_region
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
        for spec in source.entities():
            records[spec.name] = []
            for row in source.read(spec.name):
                if spec.name == "tickets":
                    mapped = map_ticket(self.source_name, row)
                elif spec.name == "interactions":
                    mapped = map_interaction(self.source_name, row, now)
                else:
                    mapped = map_row(self.source_name, row, refs, region)
                if isinstance(mapped, Reject):
                    result.rejects.append(mapped)
                    result.count(spec.name, "rejected")
                    continue
                records.setdefault(mapped.entity, []).append(mapped)
                if row.cursor and row.cursor > cursors.get(spec.name, ""):
                    cursors[spec.name] = row.cursor
        result.timings["read_s"] = round(time.monotonic() - started, 3)
        contacts = records.get("contacts", [])
        companies = records.get("companies", [])
        self._tags(companies + contacts)
        companies += implicit_companies(self.source_name, contacts, companies)
        if companies:
            self._entity("companies", companies, result)
        if contacts:
            by_name = {c.match["name"]: c.pk for c in companies}
            contacts = self._with_parents(contacts, by_name, result)
            self._entity("contacts", contacts, result)
        if records.get("tickets"):
            self._tickets(records["tickets"], result)
        if records.get("interactions"):
            self._interactions(records["interactions"], result)
        logged = {r.pk for r in records.get("interactions", [])}
        self._activities(records.get("activities", []), logged, result)
        if not self.dry_run:
            for entity, cursor in cursors.items():
                self.state.set_watermark(
                    self.source_name, entity, cursor, result.run_id
                )
        result.timings["total_s"] = round(time.monotonic() - started, 3)

    def _tags(self, records: list[Record]) -> None:
        """Source tags become partner tags (categories), added, never removed."""
        names = {tag for r in records for tag in r.tags}
        ids = category_ids(self.client, names, create=not self.dry_run)
        for record in records:
            tags = [ids[t] for t in record.tags if t in ids]
            if tags:
                record.values["category_id"] = [(4, i) for i in sorted(tags)]

    def _can_manage_external_ids(self) -> bool:
        try:
            self.client.execute(
                "ir.model.data", "search_count", [[("module", "=", MODULE)]]
            )
        except FatalError:
            return False
        return True

    def _tickets(self, tickets: list[Record], result: RunResult) -> None:
        if not model_exists(self.client, GRIEVANCE_MODEL):
            for record in tickets:
                result.rejects.append(Reject("tickets", record.pk, record.line,
                    f"not synced: the grievance model {GRIEVANCE_MODEL} is not "
                    "installed in this Odoo", record.raw))  # fmt: skip
            result.count("tickets", "rejected", len(tickets))
            return
        self._entity("tickets", self._with_parents(tickets, {}, result), result)

    def _interactions(self, interactions: list[Record], result: RunResult) -> None:
        note = self.client.execute(
            "mail.message.subtype", "search",
            [[("name", "=", "Note"), ("res_model", "=", False)]], {"limit": 1},
        )  # fmt: skip
        for record in interactions:
            record.values["subtype_id"] = note[0] if note else False
        kept = self._with_parents(interactions, {}, result)
        self._entity("interactions", kept, result)

    def _activities(self, planned: list[Record], logged: set[str], result) -> None:
        """Interactions planned in the future become activities on their
        contact; a planned one the source has since logged is replaced by
        its note (the activity is removed, not marked done twice)."""
        known = self.state.known(self.source_name, "activities")
        replaced = {pk: known[pk].odoo_id for pk in logged & known.keys()}
        if replaced and not self.dry_run:
            ids = list(replaced.values())
            still = self.client.execute(
                "mail.activity", "search", [[("id", "in", ids)]]
            )
            if still:
                self.client.execute("mail.activity", "unlink", [still])
            self.state.forget(self.source_name, "activities", list(replaced))
        if replaced:
            result.notes.append(
                f"{len(replaced)} planned activities replaced by the interactions "
                "the source has logged since"
            )
        if not planned:
            return
        types = activity_type_ids(self.client)
        for record in planned:
            record.values["activity_type_id"] = types[record.values["activity_type_id"]]
        # Odoo subscribes the assignee once per activity of a batch, and fails
        # on two activities of one contact: one round per activity of a contact
        rounds: list[list[Record]] = []
        seen: dict[int, int] = {}
        for record in self._with_parents(planned, {}, result):
            contact = record.values.get("res_id")
            index = seen[contact] = seen.get(contact, -1) + 1
            if index == len(rounds):
                rounds.append([])
            rounds[index].append(record)
        for batch in rounds:
            self._entity("activities", batch, result)

    def _with_parents(self, records, by_name, result) -> list[Record]:
        """Resolve each record's parent (a company, or a ticket's contact) to
        its Odoo id; a record whose parent is not in Odoo is rejected."""
        if not records:
            return []
        parent_entity, field = PARENTS[records[0].entity]
        known = self.state.known(self.source_name, parent_entity)
        planned = self.ids[parent_entity]
        kept = []
        for record in records:
            pk = parent_key(record, by_name)
            if pk is not None:
                if pk not in planned and pk not in known:
                    kind = SINGULAR[parent_entity]
                    result.rejects.append(Reject(record.entity, record.pk, record.line,
                        f"missing parent: {kind} {pk!r} is not in Odoo "
                        "(absent, rejected or in conflict)", record.raw))  # fmt: skip
                    result.count(record.entity, "rejected")
                    continue
                # an Odoo value; the digest already covers the parent's pk
                parent_id = planned[pk] if pk in planned else known[pk].odoo_id
                if parent_id:  # None in a dry run when the parent is yet to create
                    record.values[field] = parent_id
            kept.append(record)
        return kept

    def _entity(self, entity: str, records: list[Record], result: RunResult) -> None:
        started = time.monotonic()
        model = MODELS[entity]
        known = self.state.known(self.source_name, entity)
        plan = plan_entity(entity, records, known)
        result.rejects += plan.rejects
        result.tally(entity, [r.pk for r in plan.rejects], "rejected")
        result.tally(entity, [r.pk for r in plan.unchanged], "unchanged")
        if plan.repeated:  # nothing to do beyond what their first row does
            result.tally(entity, [r.pk for r in plan.repeated], "unchanged")
            result.notes.append(
                f"{len(plan.repeated)} {entity} rows repeat an earlier row (same "
                "id, same values): counted as unchanged"
            )
        for record in plan.unchanged:
            self.ids[entity][record.pk] = known[record.pk].odoo_id
        found = self._find(entity, model, plan, known, result)
        writes, conflicts, gone = self._decide(model, found.existing)
        found.creates += gone
        found.conflicts += conflicts
        result.conflicts += found.conflicts
        result.tally(entity, [c.pk for c in found.conflicts], "conflicts")
        result.tally(entity, list(found.links), "linked")
        others = [(r, v) for r, _i, v in writes if r.pk not in found.links]
        result.tally(entity, [r.pk for r, v in others if v], "updated")
        result.tally(entity, [r.pk for r, v in others if not v], "unchanged")
        if self.dry_run:
            result.tally(entity, [r.pk for r in found.creates], "created")
            self.ids[entity].update((r.pk, oid) for r, oid, _v in writes)
            self.ids[entity].update((r.pk, None) for r in found.creates)
        else:
            self._apply(entity, model, found, writes, result)
        result.timings[f"{entity}_s"] = round(time.monotonic() - started, 3)

    def _find(self, entity, model, plan, known, result) -> Found:
        """Where each changed or new record lives in Odoo: its own external id,
        a partner an interrupted run created, or a partner matched by email,
        phone or VAT. What is found nowhere is to be created."""
        found = Found(existing=[(r, k.odoo_id, k.synced_at) for r, k in plan.changed])
        found.unconfirmed = [
            (r.key, k.odoo_id) for r, k in plan.changed if not k.digest
        ]
        new = plan.new
        if self.can_link and new:
            relinked = find_external_ids(self.client, [r.key for r in new], model)
            found.existing += [
                (r, relinked[r.key], None) for r in new if r.key in relinked
            ]
            new = [r for r in new if r.key not in relinked]
        new = self._take_over_placeholders(new, known, found, result)
        intents = self.state.intents(self.source_name, entity)
        orphans = [r for r in new if r.pk in intents]
        if orphans and self.can_link and not self.dry_run:
            # the run's start settled every fencing token: what those batches
            # created is visible now, and nothing more of them can commit
            since = min(intents[r.pk][1] for r in orphans)
            taken = {k.odoo_id for k in known.values()}
            recovered = find_orphans(self.client, orphans, since, taken, model)
            for record in orphans:
                if record.pk in recovered:
                    found.existing.append((record, recovered[record.pk], None))
                    found.unconfirmed.append((record.key, recovered[record.pk]))
            new = [r for r in new if r.pk not in recovered]
            result.notes.append(f"found {len(recovered)} {entity} created by an "
                                "interrupted run")  # fmt: skip
        if model != "res.partner" or not new:
            found.creates = new
            return found
        partners = find_partners(self.client, new)
        taken = {k.odoo_id for k in known.values()}
        if self.can_link and partners:
            prefix = f"{self.source_name}_{entity}_"
            taken |= linked_ids(self.client, [p["id"] for p in partners], prefix)
        found.links, found.conflicts, found.creates = match_candidates(
            new, partners, taken
        )
        found.by_pk = {r.pk: r for r in new}
        found.existing += [
            (found.by_pk[pk], oid, None) for pk, oid in found.links.items()
        ]
        return found

    def _take_over_placeholders(self, new, known, found: Found, result) -> list:
        """A company first known only by a contact's company name (its own
        row rejected, or not yet exported) becomes its row's company: the
        same partner, its contacts kept, instead of a second company."""
        kept = []
        for record in new:
            placeholder = IMPLICIT_PREFIX + (record.match.get("name") or "")
            if record.entity != "companies" or placeholder not in known:
                kept.append(record)
                continue
            odoo_id = known[placeholder].odoo_id
            found.existing.append((record, odoo_id, None))
            found.unconfirmed.append((record.key, odoo_id))
            found.replaced.append(placeholder)
        if found.replaced:
            result.notes.append(
                f"{len(found.replaced)} companies created from contacts' company "
                "names are now their own rows' companies"
            )
        return kept

    def _apply(self, entity, model, found: Found, writes, result: RunResult) -> None:
        self.progress.start(entity, len(writes) + len(found.creates))
        applier = Applier(self.client, self.state, self.source_name, result.run_id,
                          self.config.sync.batch_size, self.config.sync.workers,
                          model, self.after_batch, self.progress.advance)  # fmt: skip
        links = [(found.by_pk[pk].key, oid) for pk, oid in found.links.items()]
        if links and self.can_link:
            applier.create_external_ids(links)
        elif links:
            result.notes.append(
                f"{len(links)} {entity} matched existing partners by email/phone/VAT; "
                "the link is kept in the state store only (external ids in Odoo "
                "need Settings rights)"
            )
        if found.unconfirmed and self.can_link:  # a crash hit between create and ids
            keys = [key for key, _i in found.unconfirmed]
            present = find_external_ids(self.client, keys, model)
            applier.create_external_ids(
                [p for p in found.unconfirmed if p[0] not in present]
            )
        applier.write(entity, writes)
        self.state.forget(self.source_name, entity, found.replaced)
        self.ids[entity].update((r.pk, oid) for r, oid, _v in writes)
        fast = self.can_link and self.config.sync.create_method == "create"
        items = [(r, _create_values(r, model)) for r in found.creates]

        def report(created, refused):
            self.ids[entity].update((r.pk, oid) for r, oid in created)
            result.rejects += refused
            result.tally(entity, [r.pk for r in refused], "rejected")
            result.tally(entity, [r.pk for r, _i in created], "created")

        applier.create(entity, items, fast, report)
        self.progress.finish()

    def _decide(self, model: str, existing):
        if not existing:
            return [], [], []
        fields = sorted({name for r, _i, _s in existing for name in r.values})
        ids = [oid for _r, oid, _s in existing]
        current = read_current(self.client, ids, fields, model)
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


def _create_values(record: Record, model: str) -> dict:
    values = {k: v for k, v in record.values.items() if v not in (None, False, "")}
    if model == "res.partner":
        values["is_company"] = record.values["is_company"]
    return values
