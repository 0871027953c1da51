import pytest

from bridge.errors import LockHeld
from bridge.mapping import Reject
from bridge.state import StateStore


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request, tmp_path):
    """Where the store lives: a SQLite file, or a PostgreSQL database."""
    if request.param == "sqlite":
        return tmp_path / "state.sqlite"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def state(location):
    store = StateStore(location)
    yield store
    store.close()


def test_records_hashes_and_watermarks_survive_reopen(location, state):
    run = state.start_run("hs", "sync", False)
    state.save_records("hs", "contacts", [("1", "hs_contacts_1", 11, "abc")])
    state.save_records("hs", "contacts", [("2", "hs_contacts_2", 12, None)])
    state.set_watermark("hs", "contacts", "2024-02-01", run)
    state.finish_run(run, "ok", {"contacts": {"created": 2}}, {"total_s": 1.0})
    state.close()
    again = StateStore(location)
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


def test_lock_refuses_a_second_run_and_is_released(location, state):
    state.acquire("hs", 1)
    other = StateStore(location)
    with pytest.raises(LockHeld, match="locked by run 1"):
        other.acquire("hs", 2)
    other.acquire("zoho", 3)  # another source is independent
    state.release("hs")
    other.acquire("hs", 4)
    other.close()


def test_lock_of_a_dead_process_is_taken_over(tmp_path):
    state = StateStore(tmp_path / "state.sqlite")
    state.acquire("hs", 1)
    state.db.execute("UPDATE locks SET pid = 2147483646")
    state.acquire("hs", 2)
    assert state.db.execute("SELECT run_id FROM locks").fetchone() == (2,)
    state.close()


def test_failed_run_is_found_for_resume(state):
    first = state.start_run("hs", "sync", False)
    state.finish_run(first, "failed", {}, {})
    assert state.last_failed_run("hs") == first
    state.finish_run(state.start_run("hs", "sync", False), "ok", {}, {})
    assert state.last_failed_run("hs") is None


def test_postgresql_lock_dies_with_its_connection(pg_url):
    crashed = StateStore(pg_url)
    crashed.acquire("hs", 1)
    other = StateStore(pg_url)
    with pytest.raises(LockHeld, match="locked by run 1"):
        other.acquire("hs", 2)
    crashed.db.conn.close()  # the process died: PostgreSQL frees its lock
    other.acquire("hs", 3)
    assert other.db.execute("SELECT run_id FROM locks").fetchone() == (3,)
    other.close()


def test_postgresql_tables_live_in_their_own_schema(pg_url):
    StateStore(pg_url).close()
    import psycopg

    with psycopg.connect(pg_url) as conn:
        tables = conn.execute(
            "SELECT table_schema, count(*) FROM information_schema.tables "
            "WHERE table_name = ANY(%s) GROUP BY table_schema",
            (["runs", "records", "locks", "watermarks"],),
        ).fetchall()
    assert tables == [("crm_bridge", 4)]


def test_a_run_killed_without_cleanup_becomes_interrupted(location, state):
    killed = state.start_run("hs", "sync", False)
    state.acquire("hs", killed)
    state.db.execute("UPDATE locks SET pid = 2147483646")  # its process is gone
    unlocked = state.start_run("zoho", "sync", False)  # died before its lock
    alive = StateStore(location)
    live = alive.start_run("sf", "sync", False)
    alive.acquire("sf", live)
    assert sorted(state.close_dead_runs()) == [killed, unlocked]
    assert {r["id"]: r["status"] for r in state.runs()} == {
        killed: "interrupted",
        unlocked: "interrupted",
        live: "running",
    }
    assert state.last_failed_run("hs") == killed, "resumed like a failed run"
    alive.close()
