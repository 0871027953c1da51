"""Fencing tokens: what makes a multi-record ``create`` idempotent.

Odoo's ``create`` cannot write a record's external id in its own transaction
(only ``load`` does). So each create batch links its partners to a token, an
archived partner tag made for that batch, and the batch's keys are journalled
with the token before it is sent. The link is a foreign key: while Odoo runs
the batch, its transaction holds a lock on the token's row; once the token is
deleted, no batch linking it can commit. Settling a batch is deleting its
token: the delete waits for the batch if it is still running, and afterwards
the batch has either committed (its partners are visible, found by their
values) or never will. Only then may what is missing be sent again.
"""

from __future__ import annotations

from bridge.errors import BridgeError, FatalError, RetriableError
from bridge.odoo_client import OdooClient

TOKEN_MODEL = "res.partner.category"
FENCED_FIELDS = {"res.partner": "category_id"}  # model -> many2many to the token
NO_ARCHIVE_FILTER = {"context": {"active_test": False}}
SETTLE_ROUNDS = 30  # each at most one call's timeout


def label(source: str) -> str:
    return f"crm-bridge {source} create batch"


def open_tokens(client: OdooClient, source: str, count: int) -> list[int]:
    """``count`` new tokens, in one call."""
    if not count:
        return []
    values = [{"name": label(source), "active": False} for _i in range(count)]
    return client.execute(TOKEN_MODEL, "create", [values])


def fenced(values: dict, field: str, token: int) -> dict:
    return {**values, field: [*values.get(field, []), (4, token)]}


def settle(client: OdooClient, tokens: list[int]) -> None:
    """Delete the tokens, waiting for any batch that still holds one. A
    delete that times out (the batch runs on) or finds a token gone (an
    earlier delete won) is looked at again, not trusted."""
    if not tokens:
        return
    domain = [("id", "in", sorted(set(tokens)))]
    failure: BridgeError | None = None
    for _round in range(SETTLE_ROUNDS):
        alive = client.execute(TOKEN_MODEL, "search", [domain], NO_ARCHIVE_FILTER)
        if not alive:
            return
        try:
            client.execute(TOKEN_MODEL, "unlink", [alive])
        except (RetriableError, FatalError) as exc:
            failure = exc
    raise RetriableError(f"cannot settle create batches: {failure}")


def source_tokens(client: OdooClient, source: str) -> list[int]:
    """Every token of the source: a killed run's, whose batch may still run."""
    domain = [("name", "=", label(source)), ("active", "=", False)]
    return client.execute(TOKEN_MODEL, "search", [domain], NO_ARCHIVE_FILTER)
