"""State store: runs, record ids and hashes, watermarks, rejects, lock.

An embedded SQLite file by default; a PostgreSQL URL as an option (its
tables live in the schema ``crm_bridge``, and the lock is also a session
advisory lock, released by PostgreSQL when the holder's connection dies).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import sqlite3
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bridge.errors import ConfigError, LockHeld

PG_SCHEMA = "crm_bridge"
SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id {serial} PRIMARY KEY, source TEXT, command TEXT, dry_run INTEGER,
    started_at TEXT, finished_at TEXT, status TEXT, counts TEXT, timings TEXT);
CREATE TABLE IF NOT EXISTS records (
    source TEXT, entity TEXT, pk TEXT, key TEXT, odoo_id INTEGER,
    digest TEXT, synced_at TEXT, PRIMARY KEY (source, entity, pk));
CREATE TABLE IF NOT EXISTS watermarks (
    source TEXT, entity TEXT, cursor TEXT, run_id INTEGER,
    PRIMARY KEY (source, entity));
CREATE TABLE IF NOT EXISTS rejects (
    run_id INTEGER, entity TEXT, pk TEXT, line INTEGER, reason TEXT, raw TEXT);
CREATE TABLE IF NOT EXISTS conflicts (
    run_id INTEGER, entity TEXT, pk TEXT, reason TEXT, raw TEXT);
CREATE TABLE IF NOT EXISTS checkpoints (
    run_id INTEGER, entity TEXT, batch INTEGER, done_at TEXT);
CREATE TABLE IF NOT EXISTS intents (
    source TEXT, entity TEXT, pk TEXT, token INTEGER, since TEXT,
    PRIMARY KEY (source, entity, pk));
CREATE TABLE IF NOT EXISTS locks (
    source TEXT PRIMARY KEY, pid INTEGER, host TEXT, run_id INTEGER, since TEXT);
"""


def now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")


@dataclass
class Known:
    odoo_id: int
    digest: str | None  # None: created in Odoo, external id not yet confirmed
    synced_at: str | None


def is_postgres_url(location: str | Path) -> bool:
    return str(location).startswith(("postgresql:", "postgresql+", "postgres:"))


class StateStore:
    """``location``: a SQLite file path, or a ``postgresql://`` URL."""

    def __init__(self, location: str | Path):
        if is_postgres_url(location):
            self.db = _PgDb(str(location))
        else:
            self.db = _SqliteDb(Path(location))

    def close(self) -> None:
        self.db.close()

    # -- lock -------------------------------------------------------------
    def acquire(self, source: str, run_id: int) -> None:
        """Take the source's lock; a lock whose process is gone is taken over."""
        host = socket.gethostname()
        with self._tx():
            row = self.db.execute(
                "SELECT pid, host, run_id, since FROM locks WHERE source=?", (source,)
            ).fetchone()
            free = self.db.try_lock(source)
            if not free or (row and not self.db.lock_is_stale(row, host)):
                holder = (
                    f"run {row[2]} (pid {row[0]} on {row[1]} since {row[3]})"
                    if row
                    else "another run"
                )
                raise LockHeld(
                    f"source {source!r} is locked by {holder}; if that run is dead "
                    "on another host, remove it with: crm-bridge status --unlock"
                )
            self.db.execute(
                "INSERT INTO locks VALUES (?,?,?,?,?) ON CONFLICT (source) DO UPDATE "
                "SET pid=excluded.pid, host=excluded.host, run_id=excluded.run_id, "
                "since=excluded.since",
                (source, os.getpid(), host, run_id, now()),
            )

    def release(self, source: str) -> None:
        self.db.execute(
            "DELETE FROM locks WHERE source=? AND pid=?", (source, os.getpid())
        )
        self.db.unlock(source)

    def force_unlock(self, source: str) -> bool:
        return (
            self.db.execute("DELETE FROM locks WHERE source=?", (source,)).rowcount > 0
        )

    # -- runs -------------------------------------------------------------
    def start_run(self, source: str, command: str, dry_run: bool) -> int:
        cur = self.db.execute(
            "INSERT INTO runs (source, command, dry_run, started_at, status) "
            "VALUES (?,?,?,?,'running') RETURNING id",
            (source, command, int(dry_run), now()),
        )
        return cur.fetchone()[0]

    def finish_run(self, run_id: int, status: str, counts: dict, timings: dict) -> None:
        self.db.execute(
            "UPDATE runs SET finished_at=?, status=?, counts=?, timings=? WHERE id=?",
            (now(), status, json.dumps(counts), json.dumps(timings), run_id),
        )

    def runs(self, limit: int = 10) -> list[dict]:
        cur = self.db.execute("SELECT * FROM runs ORDER BY id DESC LIMIT ?", (limit,))
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def run(self, run_id: int | None = None) -> dict | None:
        if run_id is None:
            found = self.runs(1)
            return found[0] if found else None
        cur = self.db.execute("SELECT * FROM runs WHERE id=?", (run_id,))
        row = cur.fetchone()
        return (
            dict(zip([d[0] for d in cur.description], row, strict=True))
            if row
            else None
        )

    def close_dead_runs(self, except_run: int | None = None) -> list[int]:
        """Runs left 'running' by a process that is gone (kill -9, a lost
        machine) become 'interrupted'. A run is alive while it holds its
        source's lock; one on another host with a SQLite state cannot be
        checked and is left as it is."""
        host = socket.gethostname()
        running = self.db.execute(
            "SELECT id, source FROM runs WHERE status='running' AND dry_run=0"
        ).fetchall()
        dead = []
        for run_id, source in running:
            if run_id == except_run:
                continue
            lock = self.db.execute(
                "SELECT pid, host, run_id, since FROM locks WHERE source=?", (source,)
            ).fetchone()
            if lock and lock[2] == run_id:
                free = self.db.try_lock(source)
                if free:
                    self.db.unlock(source)
                if not (free and self.db.lock_is_stale(lock, host)):
                    continue
            dead.append(run_id)
        self.db.executemany(
            "UPDATE runs SET status='interrupted' WHERE id=?", [(i,) for i in dead]
        )
        return dead

    def last_failed_run(self, source: str) -> int | None:
        row = self.db.execute(
            "SELECT id, status FROM runs WHERE source=? AND dry_run=0 "
            "AND command='sync' ORDER BY id DESC LIMIT 1",
            (source,),
        ).fetchone()
        stopped = ("failed", "running", "interrupted")
        return row[0] if row and row[1] in stopped else None

    # -- records ----------------------------------------------------------
    def known(self, source: str, entity: str) -> dict[str, Known]:
        rows = self.db.execute(
            "SELECT pk, odoo_id, digest, synced_at FROM records "
            "WHERE source=? AND entity=?",
            (source, entity),
        )
        return {pk: Known(oid, digest, at) for pk, oid, digest, at in rows}

    def save_records(self, source: str, entity: str, rows: Iterable[tuple]) -> None:
        """rows: (pk, key, odoo_id, digest or None); a digest ends the intent."""
        stamp = now()
        rows = list(rows)
        with self._tx():
            self.db.executemany(
                "INSERT INTO records VALUES (?,?,?,?,?,?,?) "
                "ON CONFLICT (source, entity, pk) DO UPDATE SET key=excluded.key, "
                "odoo_id=excluded.odoo_id, digest=excluded.digest, "
                "synced_at=excluded.synced_at",
                [
                    (source, entity, pk, key, oid, dg, stamp)
                    for pk, key, oid, dg in rows
                ],
            )
            self.db.executemany(
                "DELETE FROM intents WHERE source=? AND entity=? AND pk=?",
                [(source, entity, pk) for pk, _k, _o, dg in rows if dg is not None],
            )

    def forget(self, source: str, entity: str, pks: list[str]) -> None:
        """Drop records the bridge no longer keeps in Odoo."""
        with self._tx():
            self.db.executemany(
                "DELETE FROM records WHERE source=? AND entity=? AND pk=?",
                [(source, entity, pk) for pk in pks],
            )

    def add_intents(self, source: str, entity: str, rows: Iterable[tuple]) -> None:
        """rows: (pk, token). Records about to be sent in a create batch
        fenced by ``token`` (None: no fence): if the run dies or the call's
        outcome is in doubt, the next attempt settles the batch first."""
        stamp = now()
        with self._tx():
            self.db.executemany(
                "INSERT INTO intents VALUES (?,?,?,?,?) ON CONFLICT (source, entity, "
                "pk) DO UPDATE SET token=excluded.token, since=excluded.since",
                [(source, entity, pk, token, stamp) for pk, token in rows],
            )

    def intents(self, source: str, entity: str) -> dict[str, tuple[int | None, str]]:
        """pk -> (token, since) of records whose create is not settled."""
        rows = self.db.execute(
            "SELECT pk, token, since FROM intents WHERE source=? AND entity=?",
            (source, entity),
        )
        return {pk: (token, since) for pk, token, since in rows}

    def clear_intents(self, source: str, entity: str, pks: Iterable[str]) -> None:
        with self._tx():
            self.db.executemany(
                "DELETE FROM intents WHERE source=? AND entity=? AND pk=?",
                [(source, entity, pk) for pk in pks],
            )

    # -- rejects, conflicts, watermarks, checkpoints ----------------------
    def add_rejects(self, run_id: int, rejects: Iterable) -> None:
        with self._tx():
            self.db.executemany(
                "INSERT INTO rejects VALUES (?,?,?,?,?,?)",
                [
                    (run_id, r.entity, r.pk, r.line, r.reason, json.dumps(r.raw))
                    for r in rejects
                ],
            )

    def add_conflicts(self, run_id: int, conflicts: Iterable) -> None:
        with self._tx():
            self.db.executemany(
                "INSERT INTO conflicts VALUES (?,?,?,?,?)",
                [
                    (run_id, c.entity, c.pk, c.reason, json.dumps(c.raw))
                    for c in conflicts
                ],
            )

    def rejects(self, run_id: int) -> list[dict]:
        return self._rows("rejects", run_id)

    def conflicts(self, run_id: int) -> list[dict]:
        return self._rows("conflicts", run_id)

    def _rows(self, table: str, run_id: int) -> list[dict]:
        cur = self.db.execute(f"SELECT * FROM {table} WHERE run_id=?", (run_id,))
        names = [d[0] for d in cur.description]
        out = [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
        for item in out:
            item["raw"] = json.loads(item["raw"])
        return out

    def set_watermark(self, source: str, entity: str, cursor: str, run_id: int) -> None:
        self.db.execute(
            "INSERT INTO watermarks VALUES (?,?,?,?) ON CONFLICT (source, entity) "
            "DO UPDATE SET cursor=excluded.cursor, run_id=excluded.run_id",
            (source, entity, cursor, run_id),
        )

    def watermark(self, source: str, entity: str) -> str | None:
        row = self.db.execute(
            "SELECT cursor FROM watermarks WHERE source=? AND entity=?",
            (source, entity),
        ).fetchone()
        return row[0] if row else None

    def checkpoint(self, run_id: int, entity: str, batch: int) -> None:
        self.db.execute(
            "INSERT INTO checkpoints VALUES (?,?,?,?)", (run_id, entity, batch, now())
        )

    def checkpoints(self, run_id: int) -> list[tuple[str, int]]:
        rows = self.db.execute(
            "SELECT entity, batch FROM checkpoints WHERE run_id=? ORDER BY batch",
            (run_id,),
        )
        return list(rows)

    def _tx(self):
        return self.db.transaction()


class _SqliteDb:
    """sqlite3 in autocommit mode; transactions are explicit."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(path, isolation_level=None, timeout=10)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.executescript(SCHEMA.format(serial="INTEGER"))

    def execute(self, sql: str, params: tuple = ()):
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: list) -> None:
        self.conn.executemany(sql, rows)

    @contextmanager
    def transaction(self):
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def try_lock(self, _source: str) -> bool:
        return True  # the locks table is the lock

    def unlock(self, _source: str) -> None:
        pass

    @staticmethod
    def lock_is_stale(row: tuple, host: str) -> bool:
        """A lock row of a process that is gone from this host."""
        return row[1] == host and not _alive(row[0])

    def close(self) -> None:
        self.conn.close()


class _PgDb:
    """psycopg 3 in autocommit mode, tables in the ``crm_bridge`` schema."""

    def __init__(self, url: str):
        import psycopg

        url = (
            "postgresql" + url.split(":", 1)[1]
            if url.startswith("postgresql+")
            else url
        )
        try:
            self.conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            raise ConfigError(f"state.url: cannot connect: {exc}") from None
        self.conn.execute(f"CREATE SCHEMA IF NOT EXISTS {PG_SCHEMA}")
        self.conn.execute(f"SET search_path TO {PG_SCHEMA}")
        for statement in SCHEMA.format(serial="BIGSERIAL").split(";"):
            if statement.strip():
                self.conn.execute(statement)

    def execute(self, sql: str, params: tuple = ()):
        return self.conn.execute(sql.replace("?", "%s"), params)

    def executemany(self, sql: str, rows: list) -> None:
        if rows:
            with self.conn.cursor() as cur:
                cur.executemany(sql.replace("?", "%s"), rows)

    def transaction(self):
        return self.conn.transaction()

    def try_lock(self, source: str) -> bool:
        row = self.conn.execute(
            "SELECT pg_try_advisory_lock(hashtext(%s))", (f"crm-bridge:{source}",)
        ).fetchone()
        return row[0]

    def unlock(self, source: str) -> None:
        self.conn.execute(
            "SELECT pg_advisory_unlock(hashtext(%s))", (f"crm-bridge:{source}",)
        )

    @staticmethod
    def lock_is_stale(_row: tuple, _host: str) -> bool:
        return True  # we hold the advisory lock: the row is a dead run's

    def close(self) -> None:
        self.conn.close()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
