"""The one seam between the bridge and Odoo.

``OdooClient`` is the protocol the rest of the bridge uses; ``RpcClient``
implements it with odoorpc's JSON-RPC connector. A JSON-2 transport (Odoo 19,
``/json/2`` with a bearer API key) can implement the same protocol later.
"""

from __future__ import annotations

import http.client
import logging
import urllib.error
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit

import odoorpc
import odoorpc.error

from bridge.errors import ConnectionFailed, FatalError, RetriableError
from bridge.retry import RetryPolicy, with_retry

log = logging.getLogger(__name__)

# Bulk sync must not write chatter or followers for every record it touches.
BULK_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}
# The only calls sent again when their outcome is in doubt (a timeout, a lost
# connection): sending them twice does what sending them once does. A create
# may have committed, an unlink fails on records gone (see bridge.fence), an
# action (action_confirm...) may act twice: their callers reconcile instead.
IDEMPOTENT = frozenset(
    {"search", "search_read", "search_count", "read", "fields_get", "has_access",
     "write", "load"}
)  # fmt: skip
# odoorpc logs each request with its arguments, the secret among them; the
# bridge logs its calls itself, without the secret (see RpcClient._rpc)
logging.getLogger("odoorpc").setLevel(logging.INFO)
RETRIABLE_DB_ERRORS = (
    "SerializationFailure",
    "LockNotAvailable",
    "DeadlockDetected",
    "could not serialize access",
    "could not obtain lock",
    "deadlock detected",
)


class OdooClient(Protocol):
    server_version: str
    uid: int

    def fork(self) -> OdooClient:
        """An independent connection, for use from another thread."""
        ...

    def execute(
        self, model: str, method: str, args: list, kwargs: dict | None = None
    ) -> Any: ...


@dataclass(frozen=True)
class Endpoint:
    url: str
    database: str
    login: str
    secret: str  # password or API key; never logged
    timeout: float = 120.0

    def __repr__(self) -> str:
        return f"Endpoint(url={self.url!r}, database={self.database!r})"


def classify(exc: Exception) -> Exception:
    """Turn a transport or server exception into a retriable or fatal one;
    a retriable one is ``in_doubt`` when Odoo may have run the call."""
    if isinstance(exc, urllib.error.HTTPError):
        if exc.code >= 500 or exc.code == 429:
            doubt = exc.code != 429  # 429: refused before running the call
            return RetriableError(f"HTTP {exc.code} from Odoo", in_doubt=doubt)
        return FatalError(f"HTTP {exc.code} from Odoo")
    if isinstance(exc, urllib.error.URLError) and not isinstance(
        exc.reason, TimeoutError
    ):  # no connection: nothing was sent
        return RetriableError(f"network error: {exc}")
    if isinstance(exc, ConnectionRefusedError):
        return RetriableError(f"network error: {exc}")
    if isinstance(
        exc,
        urllib.error.URLError
        | TimeoutError
        | ConnectionError
        | http.client.HTTPException,
    ):
        return RetriableError(f"network error: {exc}", in_doubt=True)
    if isinstance(exc, odoorpc.error.RPCError):
        data = (exc.info or {}).get("data", {}) if isinstance(exc.info, dict) else {}
        text = f"{data.get('name', '')} {data.get('message', '') or exc}"
        if any(marker in text for marker in RETRIABLE_DB_ERRORS):
            return RetriableError(text.strip())  # Odoo rolled it back
        return FatalError(str(data.get("message") or exc))
    return exc


class RpcClient:
    """odoorpc JSON-RPC transport: stateless ``execute_kw`` with uid + secret."""

    def __init__(
        self,
        endpoint: Endpoint,
        retry: RetryPolicy | None = None,
        uid: int | None = None,
    ):
        self.endpoint = endpoint
        self.retry = retry or RetryPolicy()
        parts = urlsplit(endpoint.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConnectionFailed(
                f"odoo.url must be http(s)://host[:port], got {endpoint.url!r}"
            )
        protocol = "jsonrpc+ssl" if parts.scheme == "https" else "jsonrpc"
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            self._odoo = with_retry(
                lambda: self._guard(
                    lambda: odoorpc.ODOO(
                        parts.hostname, protocol=protocol, port=port,
                        timeout=endpoint.timeout,
                    )
                ),
                self.retry,
            )  # fmt: skip
        except (RetriableError, FatalError) as exc:
            raise ConnectionFailed(
                f"cannot reach Odoo at {endpoint.url}: {exc}"
            ) from exc
        self._odoo.config["auto_commit"] = False
        self.server_version: str = self._odoo.version
        self.uid = uid or self._authenticate()

    @staticmethod
    def _guard(call):
        try:
            return call()
        except Exception as exc:
            mapped = classify(exc)
            if mapped is exc:
                raise
            raise mapped from exc

    def _rpc(
        self, service: str, method: str, args: list, idempotent: bool = True
    ) -> Any:
        payload = {"service": service, "method": method, "args": args}

        def call():
            data = self._guard(lambda: self._odoo.json("/jsonrpc", payload))
            return data.get("result")

        return with_retry(call, self.retry, idempotent=idempotent)

    def _authenticate(self) -> int:
        ep = self.endpoint
        try:
            uid = self._rpc(
                "common", "authenticate", [ep.database, ep.login, ep.secret, {}]
            )
        except (RetriableError, FatalError) as exc:
            raise ConnectionFailed(
                f"login to database {ep.database!r} failed: {exc}"
            ) from exc
        if not uid:
            raise ConnectionFailed(
                f"login {ep.login!r} refused by database {ep.database!r} "
                "(wrong login, password or API key)"
            )
        log.debug("logged in to %s db=%s uid=%s", ep.url, ep.database, uid)
        return uid

    def fork(self) -> RpcClient:
        """Same login (calls carry uid and secret); an Odoo gone since the
        run began is a failed run (exit 5), not a login problem."""
        try:
            return RpcClient(self.endpoint, self.retry, self.uid)
        except ConnectionFailed as exc:
            raise RetriableError(f"Odoo went away during the run: {exc}") from exc

    def execute(
        self, model: str, method: str, args: list, kwargs: dict | None = None
    ) -> Any:
        ep = self.endpoint
        log.debug("call %s.%s on %d records/values", model, method, _size(args))
        return self._rpc(
            "object",
            "execute_kw",
            [ep.database, self.uid, ep.secret, model, method, args, kwargs or {}],
            idempotent=method in IDEMPOTENT,
        )


def _size(args: list) -> int:
    first = args[0] if args else None
    return len(first) if isinstance(first, list) else int(first is not None)


def model_exists(client: OdooClient, model: str) -> bool:
    """Whether Odoo has ``model``; needs no rights on ``ir.model``."""
    try:
        client.execute(model, "has_access", [[], "read"])
    except FatalError:
        return False
    return True


def module_installed(client: OdooClient, module: str) -> bool:
    """Needs Settings rights (``ir.module.module``)."""
    domain = [("name", "=", module), ("state", "=", "installed")]
    return bool(client.execute("ir.module.module", "search_count", [domain]))
