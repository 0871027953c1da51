"""Bridge exceptions and the CLI exit codes they map to."""

from __future__ import annotations

EXIT_OK = 0
EXIT_REJECTED = 1  # the run finished but rows were rejected or in conflict
EXIT_USAGE = 2  # bad command line or config
EXIT_CONNECTION = 3  # Odoo unreachable, login refused, missing rights or add-on
EXIT_LOCKED = 4  # another run holds the lock
EXIT_FAILED = 5  # the run stopped on a fatal error; resume with the same command


class BridgeError(Exception):
    """Base class; ``exit_code`` is what the CLI returns."""

    exit_code = EXIT_FAILED


class ConfigError(BridgeError):
    exit_code = EXIT_USAGE


class ConnectionFailed(BridgeError):
    exit_code = EXIT_CONNECTION


class LockHeld(BridgeError):
    exit_code = EXIT_LOCKED


class RetriableError(BridgeError):
    """A call that may succeed if tried again (timeout, 5xx, lock, serialization).

    ``in_doubt``: the request reached Odoo and its outcome is unknown (timeout,
    connection lost, 5xx): a call that is not idempotent may have committed.
    A refused connection or a rolled-back serialization failure is not."""

    def __init__(self, message: str, in_doubt: bool = False):
        super().__init__(message)
        self.in_doubt = in_doubt


class FatalError(BridgeError):
    """A call that will fail the same way again."""
