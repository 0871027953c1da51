import pytest

from bridge.errors import LockHeld
from bridge.mapping import Reject
from bridge.state import StateStore


@pytest.fixture
def state(tmp_path):
    store = StateStore(tmp_path / "state.sqlite")
    yield store
    store.close()


def test_records_hashes_and_watermarks_survive_reopen(tmp_path, state):
    run = state.start_run("hs", "sync", False)
    state.save_records("hs", "contacts", [("1", "hs_contacts_1", 11, "abc")])
    state.save_records("hs", "contacts", [("2", "hs_contacts_2", 12, None)])
    state.set_watermark("hs", "contacts", "2024-02-01", run)
    state.finish_run(run, "ok", {"contacts": {"created": 2}}, {"total_s": 1.0})
    state.close()
    again = StateStore(tmp_path / "state.sqlite")
    known = again.known("hs", "contacts")
    assert known["1"].odoo_id == 11 and known["1"].digest == "abc"
    assert known["2"].digest is None
    assert again.watermark("hs", "contacts") == "2024-02-01"
    assert again.run()["status"] == "ok"
    assert again.known("other", "contacts") == {}
    again.close()


def test_rejects_keep_the_original_row(state):
    run = state.start_run("hs", "sync", False)
    state.add_rejects(
        run, [Reject("contacts", "9", 4, "invalid email 'x'", {"Email": "x"})]
    )
    (reject,) = state.rejects(run)
    assert reject["reason"] == "invalid email 'x'"
    assert reject["raw"] == {"Email": "x"}
    assert reject["line"] == 4


def test_lock_refuses_a_second_run_and_is_released(tmp_path, state):
    state.acquire("hs", 1)
    other = StateStore(tmp_path / "state.sqlite")
    with pytest.raises(LockHeld, match="locked by run 1"):
        other.acquire("hs", 2)
    other.acquire("zoho", 3)  # another source is independent
    state.release("hs")
    other.acquire("hs", 4)
    other.close()


def test_lock_of_a_dead_process_is_taken_over(state):
    state.acquire("hs", 1)
    state.db.execute("UPDATE locks SET pid = 2147483646")
    state.acquire("hs", 2)
    assert state.db.execute("SELECT run_id FROM locks").fetchone() == (2,)


def test_failed_run_is_found_for_resume(state):
    first = state.start_run("hs", "sync", False)
    state.finish_run(first, "failed", {}, {})
    assert state.last_failed_run("hs") == first
    state.finish_run(state.start_run("hs", "sync", False), "ok", {}, {})
    assert state.last_failed_run("hs") is None
