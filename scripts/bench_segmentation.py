"""Segmentation benchmark: customer value, RFM, segments and priority at scale.

Builds a database of N customers (default 100,000) and about L order lines
(default 1,000,000) shaped after the UCI Online Retail data set in
``../shared/data``: each customer copies the orders of one real UCI customer
(dates moved to the last year, lines capped so that the total hits L), one in
ten customers orders partly through a child contact, one order in twenty is in
a foreign currency and the UCI cancellations stay cancelled orders. The rows
are written with COPY: this is a fixture, not the add-on's way of writing.

Then, in ``odoo shell``, it times:

1. a full recompute: metrics + RFM + quadrants + priority rules + 3 segments,
   first on the fresh data (which also gives ~11% of the customers their
   first priority, with a chatter note each), then again (the nightly run);
2. an incremental recompute after 1% of the customers had an order changed;
3. a naive loop doing the same work per customer with the ORM, over a sample
   reset to its state before the first run, extrapolated to N: search the
   orders, sum in Python and write the figures; then its scores (ranks read
   from lists sorted once), RFM segment, quadrant and priority, logged in the
   chatter when it changes, and its segment memberships with their history.
   ``speedup_vs_naive`` compares it with the first full run;
   ``speedup_vs_naive_figures_only`` compares only the loop's figures part.

    python -m scripts.bench_segmentation [--customers N] [--lines L]
        [--sample S] [--keep DIR]

Without --keep the cluster lives in a temporary folder. Ends with one
``key: value`` line per figure.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.bench_shell import in_folder, run_scripts

REPO = Path(__file__).resolve().parents[1]
# ../shared/data beside the repository (or beside a folder of worktrees)
SHARED = next(
    (p / "shared" / "data" for p in REPO.parents if (p / "shared" / "data").is_dir()),
    REPO.parent / "shared" / "data",
)
UCI = SHARED / "uci_online_retail" / "online_retail.csv.gz"
DB = "bench_segmentation"

# Runs inside `odoo shell`; PARAMS is prepended as a JSON literal.
GENERATE = r"""
import csv, gzip, io, random, time
from collections import defaultdict
from datetime import datetime, timedelta

rng = random.Random(42)
N, LINES = PARAMS["customers"], PARAMS["lines"]
company = env.company
cr = env.cr
started = time.monotonic()

invoices = {}
with gzip.open(PARAMS["uci"], "rt", encoding="utf-8") as fh:
    for row in csv.DictReader(fh):
        if not row["CustomerID"] or float(row["UnitPrice"]) <= 0:
            continue
        inv = invoices.setdefault(row["InvoiceNo"], {
            "customer": row["CustomerID"], "date": row["InvoiceDate"],
            "cancel": row["InvoiceNo"].startswith("C"), "lines": []})
        inv["lines"].append((row["StockCode"], abs(int(row["Quantity"])) or 1,
                             float(row["UnitPrice"])))
by_customer = defaultdict(list)
for inv in invoices.values():
    by_customer[inv["customer"]].append(inv)
templates = [sorted(v, key=lambda i: i["date"])
             for _k, v in sorted(by_customer.items())]

# Products: one per UCI stock code, cost = 60% of its first price
codes = {}
for inv in invoices.values():
    for code, _q, price in inv["lines"]:
        codes.setdefault(code, price)
uom = env.ref("uom.product_uom_unit")
templ = env["product.template"].create([
    {"name": f"UCI {code}", "list_price": price, "type": "consu"}
    for code, price in codes.items()])
product_of = dict(zip(codes, templ.product_variant_id.ids))
env.flush_all()
cr.execute(
    "UPDATE product_product pp SET standard_price = jsonb_build_object(%s, "
    "ROUND((pt.list_price * 0.6)::numeric, 2)) FROM product_template pt "
    "WHERE pt.id = pp.product_tmpl_id AND pp.id = ANY(%s)",
    [str(company.id), list(product_of.values())])

def ids(seq, n):
    cr.execute("SELECT nextval(%s) FROM generate_series(1, %s)", [seq, n])
    return [r[0] for r in cr.fetchall()]

def copy(table, columns, rows):
    buf = io.StringIO()
    for r in rows:
        buf.write("\t".join("\\N" if v is None else str(v) for v in r) + "\n")
    buf.seek(0)
    cr._obj.copy_from(buf, table, columns=columns)

now = datetime.utcnow().replace(microsecond=0)
shift = now - datetime(2011, 12, 10)  # UCI's last day becomes yesterday
country = env.ref("base.uk").id
partner_ids = ids("res_partner_id_seq", N)
child_of = {}
child_ids = ids("res_partner_id_seq", N // 10)
partners = []
for i, pid in enumerate(partner_ids):
    partners.append((pid, f"Bench customer {i}", f"Bench customer {i}", True,
                     "contact", i % 3 == 0, pid, None, "ask", "en_US", country,
                     now, now, 1, 1, "standard", "standard", 1))
for j, cid in enumerate(child_ids):
    parent = partner_ids[j * 10]
    child_of[parent] = cid
    partners.append((cid, f"Buyer {j}", f"Bench customer {j * 10}, Buyer {j}", True,
                     "contact", False, parent, parent, "ask", "en_US", country,
                     now, now, 1, 1, "standard", "standard", 0))
copy("res_partner", ["id", "name", "complete_name", "active", "type", "is_company",
     "commercial_partner_id", "parent_id", "autopost_bills", "lang", "country_id",
     "create_date", "write_date", "create_uid", "write_uid",
     "relationship_priority", "relationship_priority_rule", "customer_rank"],
     partners)

# Orders: each customer takes its template's invoices, capped at 10 lines,
# then extra passes add orders until the line budget is spent.
orders, lines, total = [], [], 0
currency = company.currency_id.id
def add_order(pid, inv, cap, k):
    global total
    when = (datetime.fromisoformat(inv["date"]) + shift
            - timedelta(days=rng.randint(0, 60)))
    partner = child_of.get(pid) if (k % 2 and pid in child_of) else pid
    rate = 1.1 if rng.random() < 0.05 else 1.0
    taken = inv["lines"][:cap]
    untaxed = round(sum(q * p for _c, q, p in taken), 2)
    orders.append([None, partner, when, "cancel" if inv["cancel"] else "sale",
                   untaxed, rate])
    for code, q, p in taken:
        lines.append((len(orders) - 1, product_of[code], q, p))
    total += len(taken)

for i, pid in enumerate(partner_ids):
    invs = templates[i % len(templates)]
    chosen = invs[: max(1, min(len(invs), 4))]
    cap = max(1, 10 // len(chosen))
    for k, inv in enumerate(chosen):
        add_order(pid, inv, cap, k)
    if total >= LINES:
        break
k = 0
while total < LINES:
    for i, pid in enumerate(partner_ids):
        invs = templates[(i + k + 1) % len(templates)]
        add_order(pid, invs[rng.randrange(len(invs))], min(5, LINES - total), k + 1)
        if total >= LINES:
            break
    k += 1

order_ids = ids("sale_order_id_seq", len(orders))
copy("sale_order", ["id", "name", "partner_id", "partner_invoice_id",
     "partner_shipping_id", "company_id", "date_order", "state", "amount_untaxed",
     "amount_total", "amount_tax", "currency_rate", "currency_id", "create_date",
     "write_date", "create_uid", "write_uid", "invoice_status"],
     ((oid, f"BS{oid:08d}", o[1], o[1], o[1], company.id, o[2], o[3],
       round(o[4] * o[5], 2), round(o[4] * o[5], 2), 0, o[5], currency, o[2], o[2],
       1, 1, "no") for oid, o in zip(order_ids, orders)))
copy("sale_order_line", ["order_id", "name", "product_id", "product_uom_qty",
     "product_uom", "price_unit", "price_subtotal", "customer_lead", "company_id",
     "currency_id", "state", "create_date", "write_date", "create_uid", "write_uid"],
     ((order_ids[o], "line", prod, q, uom.id, p, round(q * p, 2), 0, company.id,
       currency, orders[o][3], now, now, 1, 1) for o, prod, q, p in lines))

Rule = env["crm.relationship.priority.rule"]
Rule.create({"name": "Top 5% by revenue", "level": "key", "rule_type": "top_percent",
             "metric": "revenue", "top_percent": 5})
Rule.create({"name": "Champions", "level": "priority", "rule_type": "rfm_segment",
             "rfm_segment_ids": [(6, 0, [
                 env.ref("crm_relationship_value.rfm_segment_champions").id])]})
Segment = env["crm.relationship.segment"]
Segment.create({"name": "Big spenders",
                "domain": "[('relationship_revenue', '>=', 1000)]"})
Segment.create({"name": "True friends",
                "domain": "[('relationship_quadrant', '=', 'true_friend')]"})
Segment.create({"name": "Companies", "domain": "[('is_company', '=', True)]"})
cr.commit()
# A production database has been vacuumed long before: statistics and hint
# bits are set, so no run pays for the bulk load (and autovacuum is not
# triggered in the middle of a measure).
cr._cnx.autocommit = True
cr.execute("VACUUM ANALYZE res_partner, sale_order, sale_order_line, "
           "product_product, product_template")
cr._cnx.autocommit = False
print(f"BENCH customers: {N}")
print(f"BENCH contacts: {len(child_ids)}")
print(f"BENCH orders: {len(orders)}")
print(f"BENCH order_lines: {total}")
print(f"BENCH generate_s: {time.monotonic() - started:.1f}")
"""

MEASURE = r"""
import random, time
Metrics = env["crm.relationship.partner.metrics"]
company = env.company
cr = env.cr

def timed(full):
    started = time.monotonic()
    Metrics._recompute(company, full=full)
    cr.commit()
    return time.monotonic() - started

full = timed(True)
print(f"BENCH full_recompute_s: {full:.2f}")
cr.execute("SELECT COUNT(*), COUNT(rfm_segment_id) "
           "FROM crm_relationship_partner_metrics")
rows, segmented = cr.fetchone()
cr.execute("SELECT relationship_priority, COUNT(*) FROM res_partner "
           "WHERE id = commercial_partner_id GROUP BY 1 ORDER BY 1")
print(f"BENCH metrics_rows: {rows}")
print(f"BENCH rows_with_rfm_segment: {segmented}")
print("BENCH priorities: " + ", ".join(f"{k}={v}" for k, v in cr.fetchall()))
second = timed(True)
print(f"BENCH full_recompute_again_s: {second:.2f}")

# 1% of the customers: one of their orders changes amount
rng = random.Random(7)
cr.execute("SELECT partner_id FROM crm_relationship_partner_metrics "
           "ORDER BY partner_id")
customers = [r[0] for r in cr.fetchall()]
changed = rng.sample(customers, max(1, len(customers) // 100))
cr.execute('''
    UPDATE sale_order so SET amount_untaxed = ROUND(amount_untaxed * 1.5, 2),
           write_date = (now() AT TIME ZONE 'UTC')
     WHERE so.id IN (SELECT MIN(o.id) FROM sale_order o
                       JOIN res_partner p ON p.id = o.partner_id
                      WHERE p.commercial_partner_id = ANY(%s) AND o.state = 'sale'
                      GROUP BY p.commercial_partner_id)''', [changed])
print(f"BENCH changed_customers: {len(changed)}")
cr.commit()
incremental = timed(False)
print(f"BENCH incremental_recompute_s: {incremental:.2f}")

# Naive: the full recompute's per-customer work done the straightforward
# way, on a sample. The sample's priorities and segment memberships are reset
# first, as before the first full run, so that it makes the changes that run
# made; everything is rolled back. The ORM keeps its cache and batches the
# writes as it would in a plain loop; the final flushes are timed.
import math
from bisect import bisect_left
from odoo import fields
from odoo.fields import Command
from odoo.addons.crm_relationship_value.models.crm_relationship_priority_rule import (
    PRIORITY_RANK)
sample_ids = rng.sample(customers, min(PARAMS["sample"], len(customers)))
cr.execute("UPDATE res_partner SET relationship_priority = 'standard', "
           "relationship_priority_rule = 'standard' "
           "WHERE commercial_partner_id = ANY(%s)", [sample_ids])
cr.execute("DELETE FROM crm_relationship_segment_partner_rel WHERE partner_id IN "
           "(SELECT id FROM res_partner WHERE commercial_partner_id = ANY(%s))",
           [sample_ids])
env.invalidate_all()
sample = env["res.partner"].browse(sample_ids)
SaleOrder = env["sale.order"]
cr.execute("SELECT COALESCE(MAX(id), 0) FROM mail_message")
last_message = cr.fetchone()[0]

# 1. figures: one ORM search and Python sums per customer, a write per row
started = time.monotonic()
rows = {}
for partner in sample:
    orders = SaleOrder.search([
        ("partner_id", "child_of", partner.id), ("state", "=", "sale"),
        ("company_id", "=", company.id)])
    revenue = sum(o.amount_untaxed / (o.currency_rate or 1) for o in orders)
    cost = sum(l.product_uom_qty * l.product_id.standard_price
               for o in orders for l in o.order_line)
    dates = [o.date_order.date() for o in orders]
    row = Metrics.search([("partner_id", "=", partner.id),
                          ("company_id", "=", company.id)])
    row.write({"order_count": len(orders), "revenue": revenue, "margin": revenue - cost,
               "first_purchase_date": min(dates, default=False),
               "last_purchase_date": max(dates, default=False)})
    rows[partner] = row
env.flush_all()
figures_only = time.monotonic() - started

# 2. the rest: ranks from lists sorted once (a cost paid once, not per
# customer), then per customer its scores, RFM segment, quadrant, priority
# (with a chatter note when it changes) and segment memberships (with their
# history)
started = time.monotonic()
scored = Metrics.search_read(
    [("company_id", "=", company.id), ("order_count", ">", 0)],
    ["partner_id", "last_purchase_date", "order_count", "revenue", "margin"],
    load=None)
ranked = {name: sorted(r[name] for r in scored)
          for name in ("last_purchase_date", "order_count", "revenue")}
rules = env["crm.relationship.priority.rule"].search([("active", "=", True)])
top = {}
for rule in rules.filtered(lambda rule: rule.rule_type == "top_percent"):
    best = sorted(scored, key=lambda r: (-r[rule.metric], r["partner_id"]))
    top[rule] = {r["partner_id"]
                 for r in best[: math.ceil(len(scored) * rule.top_percent / 100)]}
segments = env["crm.relationship.segment"].search([("company_id", "=", company.id)])
RfmSegment = env["crm.relationship.rfm.segment"]
History = env["crm.relationship.segment.history"]
today = fields.Date.context_today(Metrics)
once = time.monotonic() - started
started = time.monotonic()
for partner, row in rows.items():
    # quintile of the first position of the value, the best value scoring 5
    r, f, m = (5 if row[name] >= ranked[name][-1]
               else -(-5 * (bisect_left(ranked[name], row[name]) + 1) // len(scored))
               for name in ("last_purchase_date", "order_count", "revenue"))
    rfm_segment = RfmSegment.search([
        ("recency_min", "<=", r), ("recency_max", ">=", r),
        ("frequency_min", "<=", f), ("frequency_max", ">=", f),
        ("monetary_min", "<=", m), ("monetary_max", ">=", m)], limit=1)
    loyal = (row.frequency_per_year >= company.crm_relationship_loyal_frequency
             and row.tenure_days >= company.crm_relationship_loyal_tenure_days)
    profitable = row.margin >= company.crm_relationship_profitable_margin
    quadrant = {(True, True): "true_friend", (False, True): "butterfly",
                (True, False): "barnacle", (False, False): "stranger"}[
                    (loyal, profitable)]
    row.write({"r_score": r, "f_score": f, "m_score": m, "rfm_score": f"{r}{f}{m}",
               "rfm_segment_id": rfm_segment.id, "quadrant": quadrant})
    level, reason = "standard", None
    for rule in rules:
        if rule.rule_type == "top_percent":
            match = partner.id in top[rule]
        elif rule.rule_type == "rfm_segment":
            match = rfm_segment in rule.rfm_segment_ids
        else:
            match = quadrant == rule.quadrant
        if match and PRIORITY_RANK[rule.level] > PRIORITY_RANK[level]:
            level, reason = rule.level, rule.name
    if level != partner.relationship_priority:
        old = partner.relationship_priority
        partner.write({"relationship_priority_rule": level})
        partner._message_log(body=f"Customer priority: {old} → {level} ({reason})")
    for contact in partner | partner.child_ids:
        for segment in segments:
            member = bool(contact.filtered_domain(segment._parsed_domain()))
            if member != (segment in contact.relationship_segment_ids):
                command = Command.link if member else Command.unlink
                contact.write({"relationship_segment_ids": [command(segment.id)]})
                History.create({"segment_id": segment.id, "partner_id": contact.id,
                                "company_id": company.id, "date": today,
                                "event": "entry" if member else "exit"})
env.flush_all()
per_customer = (figures_only + time.monotonic() - started) / len(sample)
naive = per_customer * len(customers) + once
figures_naive = figures_only / len(sample) * len(customers)
cr.execute("SELECT COUNT(*) FROM mail_message WHERE model = 'res.partner' "
           "AND res_id = ANY(%s) AND id > %s", [sample_ids, last_message])
naive_notes = cr.fetchone()[0]
cr.rollback()
print(f"BENCH naive_sample: {len(sample)}")
print(f"BENCH naive_sample_priority_notes: {naive_notes}")
print(f"BENCH naive_figures_ms_per_customer: {figures_only / len(sample) * 1000:.1f}")
print(f"BENCH naive_ms_per_customer: {per_customer * 1000:.1f}")
print(f"BENCH naive_once_s: {once:.1f}")
print(f"BENCH naive_extrapolated_s: {naive:.1f}")
print(f"BENCH naive_figures_only_extrapolated_s: {figures_naive:.1f}")
print(f"BENCH speedup_vs_naive_figures_only: {figures_naive / full:.1f}")
print(f"BENCH speedup_vs_naive_steady: {naive / second:.1f}")
print(f"BENCH speedup_vs_naive: {naive / full:.1f}")
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=500)
    parser.add_argument("--data", type=Path, default=UCI, help="online_retail.csv.gz")
    parser.add_argument(
        "--keep", type=Path, help="folder for the cluster, kept for another run"
    )
    args = parser.parse_args(argv)
    if not args.data.exists():
        sys.exit(f"missing data set: {args.data}")
    return in_folder(args.keep, "bench-seg-", lambda folder: run(args, folder))


def run(args, folder: Path) -> int:
    params = {
        "customers": args.customers,
        "lines": args.lines,
        "sample": args.sample,
        "uci": str(args.data.resolve()),
    }
    steps = [("generating data", GENERATE), ("measuring", MEASURE)]
    figures = run_scripts(folder, DB, params, steps)
    # The first full run also gives most priorities for the first time (one
    # chatter note each); the nightly full run is the steady state.
    extra = (
        "full_recompute_again_s",
        "speedup_vs_naive_figures_only",
        "speedup_vs_naive_steady",
    )
    required = ("full_recompute_s", "incremental_recompute_s", "speedup_vs_naive")
    for key in (*extra, *required):
        print(f"{key}: {figures[key]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
