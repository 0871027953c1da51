"""Every source row ends in exactly one count, against the in-memory Odoo:
created, updated, unchanged, linked, rejected (with its reason) or conflict;
a run's status and exit code say when rows need a look."""

import json

import pytest
from fake_odoo import FakeOdoo
from sync_helpers import (
    config,
    contacts_csv,
    linked,
    people,
    sync,
    totals,
)

from bridge import cli
from bridge.errors import FatalError, RetriableError
from bridge.state import StateStore

SF_HEADER = ["Account: Account Name", "Contact: First Name", "Contact: Last Name",
             "Contact: Email"]  # fmt: skip


def test_totals_equal_the_file_rows_with_repeats_and_rejects(tmp_path):
    rows = people(6)
    rows += [rows[0], rows[1]]  # the same rows again: same id, same values
    rows += [["7", "Bo", "", "not-an-email", "", "", "", ""]]  # rejected
    rows += [[rows[2][0], "Changed", *rows[2][2:]]]  # same id, other values
    path = contacts_csv(tmp_path / "contacts.csv", rows)
    result = sync(config(tmp_path, {"contacts": path}), FakeOdoo())
    assert totals(result) == {"contacts": len(rows)}
    assert result.counts["contacts"]["created"] == 6
    assert result.counts["contacts"]["unchanged"] == 2
    assert result.counts["contacts"]["rejected"] == 2


def test_salesforce_rows_without_last_name_are_counted(tmp_path):
    rows = [
        ["Alpha", "Amy", "Taylor", "amy@x.example"],
        ["Alpha", "Cher", "", "cher@x.example"],  # a contact without last name
        ["Alpha", "", "", "nobody@x.example"],  # no name at all: rejected
        ["Beta", "", "", ""],  # an account without contacts: no contact row
    ]
    path = contacts_csv(tmp_path / "report.csv", rows, SF_HEADER)
    result = sync(config(tmp_path, {"contacts": path}, "salesforce"), FakeOdoo())
    assert result.counts["contacts"]["created"] == 2
    assert [r.reason for r in result.rejects] == [
        "no name: a contact needs a name or first/last name"
    ]
    assert totals(result)["contacts"] == 3
    assert "companies named by contacts" in result.counts, "counted apart"


def test_duplicate_emails_in_one_file_are_a_conflict_as_in_a_later_run(tmp_path):
    rows = [["1", "Ann", "A", "A@x.example", "", "", "", ""],
            ["2", "Ann", "B", " a@X.example ", "", "", "", ""]]  # fmt: skip
    path = contacts_csv(tmp_path / "contacts.csv", rows)
    odoo = FakeOdoo()
    result = sync(config(tmp_path, {"contacts": path}), odoo)
    assert len(odoo.partners()) == 1
    assert [(c.pk, c.reason.split(";")[0]) for c in result.conflicts] == [
        ("2", "shares its email/phone/VAT with record 1 of this run, which is created")
    ]
    later = contacts_csv(tmp_path / "later.csv", [rows[0], ["3", *rows[1][1:]]])
    again = sync(config(tmp_path, {"contacts": later}), odoo)
    assert [c.pk for c in again.conflicts] == ["3"]
    assert len(odoo.partners()) == 1


def test_conflicts_make_status_and_exit_code_non_zero(tmp_path, monkeypatch):
    rows = [["1", "Ann", "A", "a@x.example", "", "", "", ""],
            ["2", "Bob", "B", "a@x.example", "", "", "", ""]]  # fmt: skip
    path = contacts_csv(tmp_path / "contacts.csv", rows)
    cfg = config(tmp_path, {"contacts": path})
    odoo = FakeOdoo()
    result = sync(cfg, odoo)
    assert result.status == "conflicts"
    assert StateStore(cfg.state.location(cfg)).run(result.run_id)["status"] == (
        "conflicts"
    )
    monkeypatch.setattr(cli, "_config", lambda _args: cfg)
    monkeypatch.setattr(cfg.odoo, "client", lambda: odoo)
    assert cli.main(["-q", "sync"]) == 1, "the same conflict again, later"


def test_a_row_odoo_refuses_is_rejected_and_its_batch_goes_through(tmp_path):
    odoo = FakeOdoo()

    def index_limit(args):
        if any(len(v.get("name", "")) > 2000 for v in args[0]):
            raise FatalError("index row requires 20024 bytes, maximum size is 8191")

    odoo.before[("res.partner", "create")] = index_limit
    rows = people(9)
    rows[4][2] = "X" * 20000
    path = contacts_csv(tmp_path / "contacts.csv", rows)
    result = sync(config(tmp_path, {"contacts": path}, batch_size=100), odoo)
    assert result.counts["contacts"]["created"] == 8
    assert [(r.pk, r.reason) for r in result.rejects] == [
        ("5", "Odoo refused it: index row requires 20024 bytes, maximum size is 8191")
    ]
    assert len(odoo.partners()) == len(linked(odoo)) == 8
    assert result.status == "rejects"


def test_a_failed_run_counts_what_it_created(tmp_path):
    odoo = FakeOdoo()
    sent = []

    def fail_the_third_batch(_args):
        sent.append(1)
        if len(sent) == 3:
            raise RetriableError("HTTP 503 from Odoo")  # retries exhausted

    odoo.before[("res.partner", "create")] = fail_the_third_batch
    path = contacts_csv(tmp_path / "contacts.csv", people(50))
    cfg = config(tmp_path, {"contacts": path}, batch_size=10)
    with pytest.raises(RetriableError):
        sync(cfg, odoo)
    run = StateStore(cfg.state.location(cfg)).run()
    assert run["status"] == "failed"
    created = json.loads(run["counts"])["contacts"]["created"]
    assert 20 <= created < 50
    assert created == len(odoo.partners()) == len(linked(odoo))
