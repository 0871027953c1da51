"""Creates under faults, against the in-memory Odoo: a create whose outcome is
in doubt is settled and reconciled, never sent blindly again; a run killed
while Odoo still runs its batch leaves nothing to duplicate."""

import contextlib

from fake_odoo import FakeOdoo
from sync_helpers import config, contacts_csv, linked, people, sync

from bridge.errors import FatalError, RetriableError

TOKEN = "res.partner.category"


class Killed(BaseException):
    """kill -9 of the bridge: nothing after it runs in the bridge."""


def test_timeout_after_commit_is_reconciled_not_sent_again(tmp_path):
    odoo = FakeOdoo()
    timeouts = []

    def time_out_once(_args):
        if not timeouts:
            timeouts.append(1)
            raise RetriableError("timed out", in_doubt=True)  # yet committed

    odoo.after[("res.partner", "create")] = time_out_once
    path = contacts_csv(tmp_path / "contacts.csv", people(40))
    result = sync(config(tmp_path, {"contacts": path}, batch_size=20), odoo)
    assert result.status == "ok"
    assert result.counts["contacts"]["created"] == 40
    assert odoo.count("res.partner", "create") == 2, "no create sent twice"
    assert len(odoo.partners()) == 40
    assert sorted(linked(odoo).values()) == sorted(p["id"] for p in odoo.partners())
    assert odoo.table(TOKEN) == {}, "every fencing token deleted"


def test_timeout_before_commit_sends_the_batch_again(tmp_path):
    odoo = FakeOdoo()
    refused = []

    def lost_once(_args):
        if not refused:
            refused.append(1)
            raise RetriableError("timed out", in_doubt=True)  # rolled back

    odoo.before[("res.partner", "create")] = lost_once
    path = contacts_csv(tmp_path / "contacts.csv", people(30))
    result = sync(config(tmp_path, {"contacts": path}, batch_size=10), odoo)
    assert result.counts["contacts"]["created"] == 30
    assert len(odoo.partners()) == 30
    assert len(linked(odoo)) == 30


def test_kill_during_an_inflight_batch_then_resume_creates_each_once(tmp_path):
    """The bridge dies while Odoo still runs its create batch; Odoo commits
    that batch only once the resume has started. The fence makes the resume
    wait for it (settling the token is what waits for the lock in
    PostgreSQL); a batch that would commit after its token is gone fails."""
    odoo = FakeOdoo()
    inflight = []

    def hold_and_kill(args):
        inflight.append(args[0])
        raise Killed

    def commit_inflight():
        for values in inflight:
            # its token gone, the batch cannot commit
            with contextlib.suppress(FatalError):
                odoo._create("res.partner", values)
        inflight.clear()

    odoo.before[("res.partner", "create")] = hold_and_kill
    path = contacts_csv(tmp_path / "contacts.csv", people(25))
    cfg = config(tmp_path, {"contacts": path}, batch_size=100)
    with contextlib.suppress(Killed):
        sync(cfg, odoo)
    assert odoo.partners() == [] and len(inflight) == 1

    def unlink_waits_for_the_batch(_args):
        commit_inflight()  # the lock wait ends when the batch commits

    odoo.before.pop(("res.partner", "create"))
    odoo.before[(TOKEN, "unlink")] = unlink_waits_for_the_batch
    # without a fence, the batch lands just after the resume sent its own
    odoo.after[("res.partner", "create")] = lambda _a: commit_inflight()
    result = sync(cfg, odoo)
    assert len(odoo.partners()) == 25
    assert sorted(linked(odoo).values()) == sorted(p["id"] for p in odoo.partners())
    assert result.status == "ok"
    assert sum(result.counts["contacts"].values()) == 25


def test_token_deleted_before_the_batch_commits_makes_the_batch_fail(tmp_path):
    odoo = FakeOdoo()
    inflight = []

    def hold_and_kill(args):
        inflight.append(args[0])
        raise Killed

    odoo.before[("res.partner", "create")] = hold_and_kill
    path = contacts_csv(tmp_path / "contacts.csv", people(5))
    cfg = config(tmp_path, {"contacts": path})
    with contextlib.suppress(Killed):
        sync(cfg, odoo)
    odoo.before.pop(("res.partner", "create"))
    sync(cfg, odoo)  # settles the token first, then creates the five
    late = []
    try:
        odoo._create("res.partner", inflight[0])
    except Exception as exc:
        late.append(str(exc))
    assert late and "foreign key" in late[0]
    assert len(odoo.partners()) == 5
