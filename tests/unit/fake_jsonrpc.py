"""A JSON-RPC endpoint that answers like Odoo, for the real ``RpcClient``:
version, login, and ``execute_kw`` calls answered by a handler; every
request is recorded."""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

VERSION = {"server_version": "18.0", "server_version_info": [18, 0, 0, "final", 0]}


class FakeJsonRpc:
    """``handler(model, method, args, kwargs)`` answers ``execute_kw``."""

    def __init__(self, secret: str, handler: Callable | None = None):
        self.secret = secret
        self.handler = handler or (lambda *_call: [])
        self.calls: list[tuple[str, str]] = []  # (model, method) of execute_kw
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                answer = fake.answer(self.path, body.get("params", {}))
                data = json.dumps({"jsonrpc": "2.0", "id": body.get("id"), **answer})
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                # the client may have given up waiting
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(data.encode())

            def log_message(self, *_args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def answer(self, path: str, params: dict) -> dict:
        if path != "/jsonrpc":
            return {"result": VERSION}
        service, method, args = params["service"], params["method"], params["args"]
        if service == "common" and method == "authenticate":
            return {"result": 2 if args[2] == self.secret else False}
        if service == "common":
            return {"result": VERSION}
        _db, _uid, secret, model, name, call_args, kwargs = args
        if secret != self.secret:
            return {"error": {"message": "Access Denied", "data": {"message": "x"}}}
        self.calls.append((model, name))
        return {"result": self.handler(model, name, call_args, kwargs)}

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
