"""The sync benchmark's input: real Olist customers, repeated past their count."""

import pytest

from bridge import samples
from scripts import bench_sync


@pytest.mark.skipif(
    not samples.DATA_DIR.is_dir(), reason="shared data folder not found"
)
def test_contact_rows_are_distinct_beyond_the_data_set():
    customers = len(samples.olist_customers())
    rows = bench_sync.contact_rows(customers + 5)
    assert len({r[0] for r in rows}) == len({r[3] for r in rows}) == customers + 5
    assert rows[customers][4] == rows[0][4]  # same city, next cycle
    assert rows[0][6] == "Brazil"
