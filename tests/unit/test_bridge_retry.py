import urllib.error

import odoorpc.error
import pytest

from bridge.errors import FatalError, RetriableError
from bridge.odoo_client import classify
from bridge.retry import RetryPolicy, with_retry


def test_retries_with_growing_delays_then_succeeds():
    calls, waits = [], []

    def flaky():
        calls.append(1)
        if len(calls) < 3:
            raise RetriableError("timeout")
        return "ok"

    policy = RetryPolicy(attempts=5, base_delay=1, max_delay=10)
    assert with_retry(flaky, policy, sleep=waits.append) == "ok"
    assert len(waits) == 2 and 0.5 <= waits[0] <= 1 and 1 <= waits[1] <= 2


def test_gives_up_after_attempts_and_never_retries_fatal():
    waits = []
    with pytest.raises(RetriableError):
        with_retry(lambda: (_ for _ in ()).throw(RetriableError("x")),
                   RetryPolicy(attempts=3), sleep=waits.append)  # fmt: skip
    assert len(waits) == 2
    with pytest.raises(FatalError):
        with_retry(lambda: (_ for _ in ()).throw(FatalError("x")),
                   RetryPolicy(), sleep=waits.append)  # fmt: skip
    assert len(waits) == 2


def rpc_error(name, message):
    return odoorpc.error.RPCError(message, {"data": {"name": name, "message": message}})


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (TimeoutError("timed out"), RetriableError),
        (urllib.error.URLError("refused"), RetriableError),
        (urllib.error.HTTPError("u", 502, "bad gateway", {}, None), RetriableError),
        (urllib.error.HTTPError("u", 404, "not found", {}, None), FatalError),
        (rpc_error("psycopg2.errors.SerializationFailure",
                   "could not serialize access"), RetriableError),
        (rpc_error("odoo.exceptions.AccessError", "not allowed"), FatalError),
    ],
)  # fmt: skip
def test_errors_classified(exc, kind):
    assert isinstance(classify(exc), kind)
