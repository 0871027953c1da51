"""What a new user meets on ``make run``, asked as the web client asks it.

    .venv/bin/python scripts/check_demo.py [--url http://127.0.0.1:8069]

Logs in as admin over JSON-RPC and prints where the Relationship app opens,
the customers, grievances per stage and SLA status, segments and their
members, value per quadrant and priority, loyalty members per tier with their
points outstanding, expiring and expired, account managers with their load,
the customers left unassigned and the assignment history, and every pivot
and chart of the Customer Relationship dashboard with its number of groups.
Exits non-zero when a screen is empty (or when a loyalty card's balance
differs from the points its awards hold).
"""

from __future__ import annotations

import argparse
import datetime
import http.cookiejar
import json
import sys
import urllib.request


class Client:
    def __init__(self, url: str, db: str) -> None:
        self.url = url.rstrip("/")
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(jar)
        )
        self.rpc("/web/session/authenticate", db=db, login="admin", password="admin")

    def rpc(self, route: str, **params):
        body = {"jsonrpc": "2.0", "method": "call", "params": params, "id": 1}
        request = urllib.request.Request(
            self.url + route,
            json.dumps(body).encode(),
            {"Content-Type": "application/json"},
        )
        with self.opener.open(request) as response:
            answer = json.load(response)
        if "error" in answer:
            raise RuntimeError(answer["error"]["data"]["message"])
        return answer["result"]

    def get(self, route: str):
        with self.opener.open(self.url + route) as response:
            return json.load(response)

    def call(self, model: str, method: str, *args, **kwargs):
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            model=model,
            method=method,
            args=list(args),
            kwargs=kwargs,
        )

    def count_by(self, model: str, domain: list, field: str) -> dict:
        groups = self.call(model, "read_group", domain, [], [field], lazy=False)
        return {
            (g[field][1] if isinstance(g[field], list) else g[field]): g["__count"]
            for g in groups
        }


def check(client: Client) -> list[str]:
    empty = []

    def show(label: str, value) -> None:
        print(f"{label}: {value}")
        if not value:
            empty.append(label)

    menus = client.get("/web/webclient/load_menus/1")
    app = next(
        m
        for m in menus.values()
        if isinstance(m, dict)
        and m.get("xmlid") == "crm_relationship.crm_relationship_menu_root"
    )
    action = client.rpc("/web/action/load", action_id=app["actionID"])
    print(f"Relationship app opens: {action['name']}, {action['views'][0][1]} view")
    show(
        "customers who bought",
        client.call("res.partner", "search_count", [("sale_order_ids", "!=", False)]),
    )
    show(
        "customers listed by Relationship > Customers",
        client.call(
            "res.partner", "search_count", [("relationship_is_customer", "=", True)]
        ),
    )
    metrics = "crm.relationship.partner.metrics"
    buyers = [("order_count", ">", 0)]
    show("customers with value", client.call(metrics, "search_count", buyers))
    show("customers by RFM segment", client.count_by(metrics, buyers, "rfm_segment_id"))
    show("customers by quadrant", client.count_by(metrics, buyers, "quadrant"))
    show(
        "customers by priority",
        client.count_by(
            "res.partner",
            [("sale_order_ids", "!=", False), ("parent_id", "=", False)],
            "relationship_priority",
        ),
    )
    segments = client.call(
        "crm.relationship.segment",
        "search_read",
        [],
        ["name", "member_count", "mailing_count"],
    )
    show(
        "segments (members, reachable by email)",
        {s["name"]: (s["member_count"], s["mailing_count"]) for s in segments},
    )
    show(
        "segment history rows",
        client.call("crm.relationship.segment.history", "search_count", []),
    )
    show(
        "consent statements",
        client.call("crm.relationship.consent", "search_count", []),
    )
    grievance = "crm.relationship.grievance"
    show("grievances by stage", client.count_by(grievance, [], "stage_id"))
    show(
        "open grievances by SLA status",
        client.count_by(grievance, [("is_closed", "=", False)], "sla_status"),
    )
    show(
        "grievance ratings",
        client.call("rating.rating", "search_count", [("res_model", "=", grievance)]),
    )
    empty += check_loyalty(client, show)
    empty += check_account_managers(client, show)
    dashboards = client.call(
        "spreadsheet.dashboard",
        "search_read",
        [("name", "=", "Customer Relationship")],
        ["dashboard_group_id"],
    )
    show("dashboard", dashboards and dashboards[0]["dashboard_group_id"][1])
    if dashboards:
        data = client.call(
            "spreadsheet.dashboard", "get_readonly_dashboard", dashboards[0]["id"]
        )
        snapshot = data["snapshot"]
        for pivot in snapshot["pivots"].values():
            groups = client.call(
                pivot["model"],
                "read_group",
                pivot["domain"],
                [],
                [r["fieldName"] for r in pivot["rows"]],
                lazy=False,
            )
            show(f"  pivot {pivot['name']!r}: groups", len(groups))
        for figure in snapshot["sheets"][0]["figures"]:
            chart = figure["data"]
            if chart["type"].startswith("odoo_"):
                meta = chart["metaData"]
                groups = client.call(
                    meta["resModel"],
                    "read_group",
                    chart["searchParams"]["domain"],
                    [],
                    meta["groupBy"],
                    lazy=False,
                )
                show(f"  chart {chart['title']['text']!r}: groups", len(groups))
    return empty


def check_loyalty(client: Client, show) -> list[str]:
    """Relationship > Loyalty: members per tier, points outstanding, expiring
    within the reminder period, expired; every balance matches its awards."""
    problems = []
    cards = [("program_type", "=", "loyalty")]
    show("loyalty members by tier", client.count_by("loyalty.card", cards, "tier_id"))
    history = "loyalty.history"
    loyalty = [("program_id.program_type", "=", "loyalty")]
    outstanding = [*loyalty, ("available_issued_points", ">", 0)]
    total = client.call(
        history, "read_group", outstanding, ["available_issued_points:sum"], []
    )
    show(
        "points outstanding (awards, points)",
        (
            client.call(history, "search_count", outstanding),
            total[0]["available_issued_points"] if total else 0,
        ),
    )
    today = datetime.date.today()
    soon = (today + datetime.timedelta(days=30)).isoformat()
    show(
        "awards expiring within 30 days",
        client.call(
            history,
            "search_count",
            [
                *outstanding,
                ("expiration_date", ">=", today.isoformat()),
                ("expiration_date", "<=", soon),
            ],
        ),
    )
    show(
        "ledger lines by movement",
        client.count_by(history, loyalty, "movement_type"),
    )
    show(
        "tier changes by cause",
        client.count_by("crm.relationship.loyalty.tier.history", [], "cause"),
    )
    balances = {
        c["id"]: c["points"]
        for c in client.call("loyalty.card", "search_read", cards, ["points"])
    }
    held = {
        g["card_id"][0]: g["available_issued_points"]
        for g in client.call(
            history,
            "read_group",
            outstanding,
            ["available_issued_points:sum"],
            ["card_id"],
            lazy=False,
        )
    }
    debts = {
        g["card_id"][0]: g["points"]
        for g in client.call(
            "loyalty.point.track",
            "read_group",
            [("issuer_line_id", "=", False)],
            ["points:sum"],
            ["card_id"],
            lazy=False,
        )
    }
    drift = [
        card
        for card, points in balances.items()
        if abs(points - held.get(card, 0.0) - debts.get(card, 0.0)) > 0.005
    ]
    print(f"loyalty cards whose balance differs from their awards: {len(drift)}")
    if drift:
        problems.append("loyalty balances")
    return problems


def check_account_managers(client: Client, show) -> list[str]:
    """Relationship > Account Managers and the portfolio reports."""
    managers = client.call(
        "crm.relationship.account.manager",
        "search_read",
        [],
        ["user_id", "account_count", "load", "capacity", "on_leave"],
    )
    show(
        "account managers (accounts, load / capacity)",
        {
            m["user_id"][1] + (" (on leave)" if m["on_leave"] else ""): (
                m["account_count"],
                f"{m['load']:g} / {m['capacity']:g}",
            )
            for m in managers
        },
    )
    show(
        "managers with customers",
        sum(1 for m in managers if m["account_count"]),
    )
    show(
        "unassigned customers",
        client.call(
            "res.partner",
            "search_count",
            [
                ("user_id", "=", False),
                "|",
                ("is_company", "=", True),
                ("parent_id", "=", False),
                ("partner_share", "=", True),
            ],
        ),
    )
    show(
        "customers by assignment rule",
        client.count_by(
            "res.partner",
            [("account_manager_rule_id", "!=", False)],
            "account_manager_rule_id",
        ),
    )
    show(
        "account manager history by cause",
        client.count_by("crm.relationship.account.manager.history", [], "cause"),
    )
    show(
        "portfolio value (managers)",
        len(
            client.call(
                "crm.relationship.partner.metrics",
                "read_group",
                [("order_count", ">", 0)],
                ["revenue:sum"],
                ["account_manager_id"],
                lazy=False,
            )
        ),
    )
    return []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", default="crm")
    args = parser.parse_args()
    empty = check(Client(args.url, args.db))
    if empty:
        print(f"EMPTY: {', '.join(empty)}")
        return 1
    print("every screen has data")
    return 0


if __name__ == "__main__":
    sys.exit(main())
