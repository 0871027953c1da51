"""A real PostgreSQL cluster for the bridge's PostgreSQL state store and SQL
target (skipped only where the server binaries are not installed)."""

import itertools
import shutil
import tempfile
from pathlib import Path

import pytest

from scripts.harness.pg import ROLE, Cluster, PostgresError, find_server_bin, free_port

_databases = itertools.count()


def have_postgres() -> bool:
    try:
        find_server_bin("initdb")
    except PostgresError:
        return False
    return True


@pytest.fixture(scope="session")
def pg_cluster():
    if not have_postgres():
        pytest.skip("PostgreSQL server binaries not installed")
    base = Path(tempfile.mkdtemp(prefix="crm-unit-pg-"))
    base.chmod(0o755)  # the server runs as the postgres user when we are root
    try:
        with Cluster(base / "pg", free_port()) as cluster:
            yield cluster
    finally:
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def pg_url(pg_cluster) -> str:
    """A fresh, empty database on the session's cluster."""
    import psycopg

    name = f"unit{next(_databases)}"
    server = f"postgresql://{ROLE}@127.0.0.1:{pg_cluster.port}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return f"{server}/{name}"
