"""Bridge end-to-end tests against a live Odoo 18 started by the harness.

The harness sets CRM_TEST_ODOO_URL, CRM_TEST_ODOO_DB, CRM_TEST_ODOO_LOGIN and
CRM_TEST_ODOO_PASSWORD. Without them every test here is skipped, never passed.
"""

from __future__ import annotations

import os
import uuid

import pytest

from bridge.odoo_client import Endpoint, RpcClient

ENV_VARS = (
    "CRM_TEST_ODOO_URL",
    "CRM_TEST_ODOO_DB",
    "CRM_TEST_ODOO_LOGIN",
    "CRM_TEST_ODOO_PASSWORD",
)
SKIP_REASON = "no live Odoo (run through make test)"


def _live() -> bool:
    return all(os.environ.get(name) for name in ENV_VARS)


def pytest_collection_modifyitems(config, items):
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.odoo)
            if not _live():
                item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


@pytest.fixture(scope="session")
def admin_endpoint() -> Endpoint:
    return Endpoint(
        url=os.environ["CRM_TEST_ODOO_URL"],
        database=os.environ["CRM_TEST_ODOO_DB"],
        login=os.environ["CRM_TEST_ODOO_LOGIN"],
        secret=os.environ["CRM_TEST_ODOO_PASSWORD"],
    )


@pytest.fixture(scope="session")
def admin_client(admin_endpoint) -> RpcClient:
    return RpcClient(admin_endpoint)


@pytest.fixture
def run_tag() -> str:
    """A source name unique to one test, so tests never see each other's rows."""
    return f"t{uuid.uuid4().hex[:10]}"
