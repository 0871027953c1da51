"""What a new user meets on ``make run``, asked as the web client asks it.

    .venv/bin/python scripts/check_demo.py [--url http://127.0.0.1:8069]

Logs in as admin over JSON-RPC and prints where the Relationship app opens,
the customers, grievances per stage and SLA status, segments and their
members, value per quadrant and priority, and every pivot and chart of the
Customer Relationship dashboard with its number of groups. Exits non-zero
when a screen is empty.
"""

from __future__ import annotations

import argparse
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
