"""An in-memory Odoo behind the bridge's client protocol, recording every call.

Enough of the ORM for the bridge's orchestration: create, write, unlink,
search(_read), read, search_count and has_access on plain records, domains
with ``| & !`` and the usual operators, many2one values read back as
``[id, name]``, a many2many link to a missing record refused as PostgreSQL's
foreign key would. ``fail`` plans faults: a callable run before (or after)
a call, which may raise.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

from bridge.errors import FatalError

MANY2MANY = {"category_id": "res.partner.category"}
NOT_MANY2ONE = {"res_id"}
COUNTRIES = [(233, "US", "United States"), (31, "BR", "Brazil"), (76, "DE", "Germany"),
             (231, "GB", "United Kingdom")]  # fmt: skip


class FakeOdoo:
    server_version = "18.0"
    uid = 2

    def __init__(self):
        self.tables: dict[str, dict[int, dict]] = {}
        self.ids = itertools.count(1000)
        self.calls: list[tuple[str, str, int]] = []  # model, method, size
        self.before: dict[tuple[str, str], Callable] = {}
        self.after: dict[tuple[str, str], Callable] = {}
        for cid, code, name in COUNTRIES:
            self.table("res.country")[cid] = {"id": cid, "code": code, "name": name}

    def table(self, model: str) -> dict[int, dict]:
        return self.tables.setdefault(model, {})

    def fork(self) -> FakeOdoo:
        return self

    def count(self, model: str, method: str) -> int:
        return sum(1 for m, f, _n in self.calls if (m, f) == (model, method))

    def partners(self) -> list[dict]:
        return list(self.table("res.partner").values())

    def execute(self, model, method, args, kwargs=None):
        kwargs = kwargs or {}
        first = args[0] if args else None
        self.calls.append((model, method, len(first) if isinstance(first, list) else 1))
        hook = self.before.get((model, method))
        if hook:
            hook(args)
        result = getattr(self, f"_{method}")(model, *args, **kwargs)
        hook = self.after.get((model, method))
        if hook:
            hook(args)
        return result

    # -- methods --------------------------------------------------------
    def _create(self, model, vals_list, context=None):
        ids = []
        for vals in vals_list:
            self._check_links(vals)
            oid = next(self.ids)
            now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
            row = {"id": oid, "create_uid": self.uid, "create_date": now,
                   "write_date": now, "active": True}  # fmt: skip
            row.update(self._values(vals, {}))
            self.table(model)[oid] = row
            ids.append(oid)
        for oid in ids:
            self._computed(model, self.table(model)[oid])
        return ids

    def _write(self, model, ids, vals, context=None):
        self._check_links(vals)
        for oid in ids:
            row = self.table(model)[oid]
            row.update(self._values(vals, row))
            self._computed(model, row)
        return True

    def _unlink(self, model, ids, context=None):
        for oid in ids:
            self.table(model).pop(oid, None)
        for rows in self.tables.values():  # ON DELETE CASCADE of many2many links
            for row in rows.values():
                for name, comodel in MANY2MANY.items():
                    if comodel == model and name in row:
                        row[name] = [i for i in row[name] if i not in ids]
        return True

    def _search(self, model, domain, context=None, limit=None, order=None):
        active_test = (context or {}).get("active_test", True)
        found = [
            oid
            for oid, row in sorted(self.table(model).items())
            if (not active_test or row.get("active", True)) and match(row, domain)
        ]
        return found[:limit] if limit else found

    def _search_read(self, model, domain, fields=None, context=None, **kw):
        ids = self._search(model, domain, context, kw.get("limit"))
        return self._read(model, ids, fields)

    def _search_count(self, model, domain, context=None):
        return len(self._search(model, domain, context))

    def _read(self, model, ids, fields=None, context=None):
        out = []
        for oid in ids:
            row = self.table(model)[oid]
            names = fields or list(row)
            out.append({"id": oid, **{n: self._shown(n, row.get(n, False))
                                      for n in names}})  # fmt: skip
        return out

    def _has_access(self, model, ids, operation):
        return True

    # -- helpers --------------------------------------------------------
    def _values(self, vals: dict, row: dict) -> dict:
        out = {}
        for name, value in vals.items():
            if name in MANY2MANY:
                linked = list(row.get(name, []))
                for command in value:
                    if command[0] == 4 and command[1] not in linked:
                        linked.append(command[1])
                out[name] = linked
            else:
                out[name] = value
        return out

    def _check_links(self, vals: dict) -> None:
        for name, comodel in MANY2MANY.items():
            for command in vals.get(name, []):
                if command[0] == 4 and command[1] not in self.table(comodel):
                    raise FatalError("insert or update violates foreign key constraint")

    @staticmethod
    def _computed(model: str, row: dict) -> None:
        if model == "res.partner":
            row["email_normalized"] = (row.get("email") or "").strip().lower() or False
            row["phone_sanitized"] = row.get("phone") or row.get("mobile") or False

    def _shown(self, name: str, value):
        if name.endswith("_id") and name not in MANY2MANY and name not in NOT_MANY2ONE:
            return [value, f"record {value}"] if value else False
        return value


def match(row: dict, domain: list) -> bool:
    stack: list[bool] = []
    for term in reversed(domain):
        if term == "|":
            stack.append(stack.pop() | stack.pop())
        elif term == "&":
            stack.append(stack.pop() & stack.pop())
        elif term == "!":
            stack.append(not stack.pop())
        else:
            stack.append(leaf(row, *term))
    return all(stack)


def leaf(row: dict, name: str, op: str, value) -> bool:
    current = row.get(name, False)
    if isinstance(current, list):  # many2many: any linked id
        return any(leaf({name: c}, name, op, value) for c in current)
    if op == "=":
        return current == value
    if op == "!=":
        return current != value
    if op == "in":
        return current in value
    if op == "not in":
        return current not in value
    if op == "=like":
        return str(current).startswith(value.rstrip("%"))
    if op == ">=":
        return current >= value
    if op == "<=":
        return current <= value
    raise ValueError(f"operator {op!r} not in the fake")
