"""The real RPC client against a local JSON-RPC endpoint: what is sent again
after a timeout, and what its logs show of the secret."""

import json
import logging
import time

import pytest
from fake_jsonrpc import FakeJsonRpc

from bridge.errors import EXIT_FAILED, RetriableError
from bridge.odoo_client import Endpoint, RpcClient
from bridge.retry import RetryPolicy


@pytest.fixture
def slow_create():
    def handler(model, method, args, kwargs):
        if method == "create":
            time.sleep(1.0)  # longer than the client's timeout; still "commits"
            return list(range(1, len(args[0]) + 1))
        return 7

    server = FakeJsonRpc("pw", handler)
    yield server
    server.close()


def client(server, secret="pw", timeout=0.3) -> RpcClient:
    endpoint = Endpoint(server.url, "db", "bridge", secret, timeout)
    return RpcClient(endpoint, RetryPolicy(attempts=4, base_delay=0.01))


def test_a_create_that_timed_out_is_not_sent_again(slow_create):
    rpc = client(slow_create)
    with pytest.raises(RetriableError) as raised:
        rpc.execute("res.partner", "create", [[{"name": "A"}]])
    assert raised.value.in_doubt
    assert slow_create.calls.count(("res.partner", "create")) == 1


def test_an_idempotent_call_that_timed_out_is_retried(slow_create):
    rpc = client(slow_create)
    slow_create.handler = lambda *_c: time.sleep(1.0)
    with pytest.raises(RetriableError):
        rpc.execute("res.partner", "write", [[1], {"name": "A"}])
    assert slow_create.calls.count(("res.partner", "write")) == 4


@pytest.mark.parametrize("secret", ['back\\slash "quoted"', "wrong", "s3cr3t"])
def test_debug_logs_never_show_the_secret(secret, caplog):
    server = FakeJsonRpc(secret, lambda *_c: [1])
    try:
        with caplog.at_level(logging.DEBUG):
            rpc = client(server, secret)
            rpc.execute("res.partner", "search", [[]])
    finally:
        server.close()
    text = caplog.text
    assert "res.partner.search" in text, "the call itself is logged"
    for shown in (secret, json.dumps(secret)[1:-1], repr(secret)[1:-1]):
        if secret != "wrong":
            assert shown not in text
    assert "***" not in text


def test_a_common_word_as_secret_does_not_corrupt_messages(caplog):
    server = FakeJsonRpc("wrong")
    try:
        with pytest.raises(Exception) as raised:
            RpcClient(Endpoint(server.url, "db", "bridge", "other", 2),
                      RetryPolicy(attempts=1))  # fmt: skip
    finally:
        server.close()
    assert "(wrong login, password or API key)" in str(raised.value)


def test_odoo_gone_mid_run_is_a_failed_run_not_a_login_problem():
    server = FakeJsonRpc("pw")
    rpc = client(server)
    server.close()  # Odoo dies while the run goes on
    with pytest.raises(RetriableError) as raised:
        rpc.fork()  # a worker's own connection
    assert raised.value.exit_code == EXIT_FAILED


def test_an_action_that_timed_out_is_not_sent_again(slow_create):
    rpc = client(slow_create)
    slow_create.handler = lambda *_c: time.sleep(1.0)
    with pytest.raises(RetriableError) as raised:
        rpc.execute("sale.order", "action_confirm", [[1, 2]])
    assert raised.value.in_doubt
    assert slow_create.calls.count(("sale.order", "action_confirm")) == 1
