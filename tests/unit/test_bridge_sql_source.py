"""SQL source over a SQLite database built from the Salesforce sample people."""

import sqlite3

import pytest

from bridge import samples
from bridge.errors import ConfigError
from bridge.sources.presets import load_mapping
from bridge.sources.sql import SqlSource

MAPPING = """
[contacts]
primary_key = "id"
cursor = "updated_at"
[contacts.columns]
first_name = "first_name"
last_name = "last_name"
email = "email"
account = "company_name"
"""


def people():
    return [r for r in samples.salesforce_rows() if r["Contact: Last Name"]]


@pytest.fixture
def database(tmp_path):
    if not samples.DATA_DIR.is_dir():
        pytest.skip("shared data folder not found")
    path = tmp_path / "crm.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE crm_contacts (id INTEGER PRIMARY KEY, first_name TEXT, "
               "last_name TEXT, email TEXT, account TEXT, "
               "updated_at TIMESTAMP)")  # fmt: skip
    db.executemany(
        "INSERT INTO crm_contacts VALUES (?,?,?,?,?,?)",
        [(i + 1, p["Contact: First Name"], p["Contact: Last Name"], p["Contact: Email"],
          p["Account: Account Name"], f"2024-01-0{i + 1} 09:00:00")
         for i, p in enumerate(people())],
    )  # fmt: skip
    db.commit()
    db.close()
    (tmp_path / "map.toml").write_text(MAPPING)
    return f"sqlite:///{path}", load_mapping(tmp_path / "map.toml")


def test_reads_all_rows_in_cursor_order(database):
    url, layout = database
    source = SqlSource("crm", url, {"contacts": "crm_contacts"}, layout)
    rows = list(source.read("contacts"))
    assert [r.pk for r in rows] == ["1", "2", "3", "4", "5", "6"]
    assert rows[0].fields["email"] == "amy@demo.net"
    assert rows[0].fields["company_name"] == "Alpha Dynamics"
    assert rows[-1].cursor == "2024-01-06T09:00:00"
    assert source.entities()[0].cursor == "updated_at"


def test_reads_only_rows_changed_since_the_watermark(database):
    url, layout = database
    watermarks = {"contacts": "2024-01-04T09:00:00"}
    source = SqlSource("crm", url, {"contacts": "crm_contacts"}, layout, watermarks)
    assert [r.pk for r in source.read("contacts")] == ["5", "6"]


def test_errors_name_the_setting(database, tmp_path):
    url, layout = database
    with pytest.raises(ConfigError, match="no table 'nope'"):
        list(SqlSource("crm", url, {"contacts": "nope"}, layout).read("contacts"))
    with pytest.raises(ConfigError, match=r"source\.url"):
        SqlSource("crm", "nosuchdialect://x", {"contacts": "t"}, layout)
