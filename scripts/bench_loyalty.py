"""Loyalty benchmark: tier assessment and points expiry on 100,000 cards.

Builds a database with ``crm_relationship_loyalty`` and one loyalty program
(Bronze, Silver, Gold, Platinum on qualifying points over a rolling 12
months; points expire 12 months after their award), N cards (default
100,000) of N customers, and 20 ledger lines a card (2,000,000 by default):
awards spread over two years, redemptions that used the oldest awards, the
expiry of an award a year ago; one card in ten (10,000) holds an award whose
expiration date has passed (due to expire). 5% of the cards hold a tier above
what they qualify for (downgrades) and 1% one below (upgrades). The rows are
written with INSERT ... SELECT generate_series: this is a fixture, not the
add-on's way of writing (it books every movement through the ORM).

Then, in ``odoo shell``, it times the periodic tier assessment
(``_assess_tiers()``, flush included) and the expiry cron
(``_cron_expire_loyalty_points()``), runs both again (nothing may change) and
checks every card's balance against its awards.

    python -m scripts.bench_loyalty [--cards N] [--keep DIR]

Ends with one ``key: value`` line per figure.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.bench_shell import in_folder, run_scripts

DB = "bench_loyalty"

# Runs inside `odoo shell`; PARAMS is prepended as a JSON literal.
GENERATE = r"""
import time
from odoo.fields import Command

N = PARAMS["cards"]
started = time.monotonic()
env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True,
                       mail_create_nosubscribe=True))
program = env["loyalty.program"].create({
    "name": "Bench Rewards",
    "program_type": "loyalty",
    "trigger": "auto",
    "applies_on": "both",
    "rule_ids": [Command.create({"reward_point_mode": "money",
                                 "reward_point_amount": 1})],
    "reward_ids": [Command.create({"reward_type": "discount", "discount": 10,
                                   "discount_mode": "per_order",
                                   "required_points": 500})],
    "points_expiry": "months",
    "expire_after_months": 12,
    "qualification_window": "rolling",
    "qualification_months": 12,
    "tier_grace_days": 0,
    "tier_downgrade_steps": 1,
    "tier_ids": [
        Command.create({"name": "Bronze", "threshold": 0}),
        Command.create({"name": "Silver", "threshold": 1000}),
        Command.create({"name": "Gold", "threshold": 2500, "earn_multiplier": 1.5}),
        Command.create({"name": "Platinum", "threshold": 4000, "earn_multiplier": 2}),
    ],
})
tiers = program.tier_ids.ids
env.flush_all()
cr = env.cr
cr.execute('''
    INSERT INTO res_partner (name, complete_name, active, type, is_company,
                             autopost_bills, email, create_uid, create_date,
                             write_uid, write_date)
    SELECT 'Bench member ' || i, 'Bench member ' || i, true, 'contact', false,
           'ask', 'member' || i || '@bench.example', 1, now(), 1, now()
      FROM generate_series(0, %(n)s - 1) AS i
''', {"n": N})
cr.execute('''UPDATE res_partner SET commercial_partner_id = id
               WHERE name LIKE 'Bench member %' ''')
# the card of member i; the amount of each award; whether an award is due
cr.execute('''
    CREATE TEMP TABLE bench_card AS
    SELECT i, p.id AS partner_id,
           20 + ((i * 7919) %% 100) * 10 AS amount,
           (i %% 10 = 0) AS due
      FROM generate_series(0, %(n)s - 1) AS i
      JOIN res_partner p ON p.name = 'Bench member ' || i
''', {"n": N})
# qualifying points over the last 12 months: awards 7..12 (and 13 if due)
cr.execute('''
    ALTER TABLE bench_card ADD COLUMN rank int;
    UPDATE bench_card SET rank = CASE
        WHEN amount * (CASE WHEN due THEN 7 ELSE 6 END) >= 4000 THEN 3
        WHEN amount * (CASE WHEN due THEN 7 ELSE 6 END) >= 2500 THEN 2
        WHEN amount * (CASE WHEN due THEN 7 ELSE 6 END) >= 1000 THEN 1
        ELSE 0 END;
    UPDATE bench_card SET rank = LEAST(rank + 1, 3) WHERE i % 20 = 1;
    UPDATE bench_card SET rank = GREATEST(rank - 1, 0) WHERE i % 100 = 2;
''')
cr.execute('''
    INSERT INTO loyalty_card (program_id, company_id, partner_id, points, code,
                              active, tier_id, tier_date, create_uid,
                              create_date, write_uid, write_date)
    SELECT %(program)s, %(company)s, partner_id, 0, 'BENCH-' || i, true,
           (%(tiers)s::int[])[rank + 1], CURRENT_DATE - 400, 1, now(), 1, now()
      FROM bench_card
''', {"program": program.id, "company": program.company_id.id or None,
      "tiers": tiers})
cr.execute('''
    ALTER TABLE bench_card ADD COLUMN card_id int;
    UPDATE bench_card b SET card_id = c.id FROM loyalty_card c
     WHERE c.code = 'BENCH-' || b.i;
''')
# awards j = 0..12 (0..13 on due cards), 50 days apart; redemptions 0..5 used
# awards 0..5; award 6 expired a year ago (an expiry line) or is due now
cr.execute('''
    INSERT INTO loyalty_history (card_id, program_id, partner_id, description,
        issued, used, date, movement_type, available_issued_points,
        expiration_date, qualifying_points, qualifying_amount,
        create_uid, create_date, write_uid, write_date)
    SELECT b.card_id, %(program)s, b.partner_id, 'Bench award ' || j,
           b.amount, 0, CURRENT_DATE - (700 - 50 * j),
           'award',
           CASE WHEN j <= 5 THEN 0 WHEN j = 6 AND NOT b.due THEN 0 ELSE b.amount END,
           CURRENT_DATE - (700 - 50 * j) + interval '12 months' - interval '1 day',
           b.amount, b.amount, 1, now(), 1, now()
      FROM bench_card b, generate_series(0, 13) AS j
     WHERE j <= 12 OR b.due
    UNION ALL
    SELECT b.card_id, %(program)s, b.partner_id, 'Bench redemption ' || r,
           0, b.amount, CURRENT_DATE - (670 - 50 * r), 'redemption', 0, NULL,
           0, 0, 1, now(), 1, now()
      FROM bench_card b, generate_series(0, 5) AS r
    UNION ALL
    SELECT b.card_id, %(program)s, b.partner_id, 'Bench expiry',
           0, b.amount, CURRENT_DATE - 34, 'expiry', 0, NULL,
           0, 0, 1, now(), 1, now()
      FROM bench_card b WHERE NOT b.due
''', {"program": program.id})
cr.execute(
    "CREATE INDEX bench_history_card_desc ON loyalty_history (card_id, description)"
)
cr.execute('''
    INSERT INTO loyalty_point_track (card_id, issuer_line_id, redeemer_line_id, points)
    SELECT a.card_id, a.id, r.id, a.issued
      FROM loyalty_history a
      JOIN loyalty_history r ON r.card_id = a.card_id
       AND r.description = replace(a.description, 'award', 'redemption')
     WHERE a.description IN ('Bench award 0', 'Bench award 1', 'Bench award 2',
                             'Bench award 3', 'Bench award 4', 'Bench award 5')
    UNION ALL
    SELECT a.card_id, a.id, r.id, a.issued
      FROM loyalty_history a
      JOIN loyalty_history r ON r.card_id = a.card_id AND r.description = 'Bench expiry'
     WHERE a.description = 'Bench award 6'
''')
cr.execute("DROP INDEX bench_history_card_desc")
cr.execute('''
    UPDATE loyalty_card c SET points = s.available
      FROM (SELECT card_id, SUM(available_issued_points) AS available
              FROM loyalty_history GROUP BY card_id) s
     WHERE s.card_id = c.id
''')
cr.execute("ANALYZE res_partner; ANALYZE loyalty_card; ANALYZE loyalty_history;"
           " ANALYZE loyalty_point_track")
env.cr.commit()
cr.execute("SELECT COUNT(*) FROM loyalty_history")
print(f"BENCH cards: {N}")
print(f"BENCH ledger_lines: {cr.fetchone()[0]}")
print(f"BENCH generate_s: {time.monotonic() - started:.1f}")
"""

MEASURE = r"""
import time
Program = env["loyalty.program"]
History = env["loyalty.history"]
Card = env["loyalty.card"]
TierHistory = env["crm.relationship.loyalty.tier.history"]
program = Program.search([("name", "=", "Bench Rewards")])
today = __import__("odoo").fields.Date.context_today(program)
due = History.search_count([("available_issued_points", ">", 0),
                            ("expiration_date", "<", today)])
env.invalidate_all()
started = time.monotonic()
program._assess_tiers()
env.flush_all()
assessment = time.monotonic() - started
env.cr.commit()
changes = TierHistory.search_count([])
env.invalidate_all()
started = time.monotonic()
expired = History._cron_expire_loyalty_points()
env.flush_all()
expiry = time.monotonic() - started
env.cr.commit()
env.invalidate_all()
again_expired = History._cron_expire_loyalty_points()
program._assess_tiers()
env.flush_all()
again_tiers = TierHistory.search_count([]) - changes
env.cr.commit()
started = time.monotonic()
mismatches = len(Card._balance_mismatches())
check = time.monotonic() - started
print(f"BENCH awards_due: {due}")
print(f"BENCH tier_changes: {changes}")
print(f"BENCH awards_expired: {expired}")
print(f"BENCH balance_check_s: {check:.3f}")
print(f"BENCH second_run_changes: {again_expired + again_tiers}")
print(f"BENCH balance_mismatches: {mismatches}")
print(f"BENCH tier_assessment_s: {assessment:.3f}")
print(f"BENCH expiry_cron_s: {expiry:.3f}")
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--cards",
        type=int,
        default=100_000,
        help="loyalty cards, 20 ledger lines each (default 100,000)",
    )
    parser.add_argument(
        "--keep", type=Path, help="folder for the cluster, kept for another run"
    )
    args = parser.parse_args(argv)
    return in_folder(args.keep, "bench-loy-", lambda folder: run(args, folder))


def run(args, folder: Path) -> int:
    params = {"cards": args.cards}
    steps = [("generating data", GENERATE), ("measuring", MEASURE)]
    figures = run_scripts(folder, DB, params, steps, install="crm_relationship_loyalty")
    for key in (
        "cards",
        "ledger_lines",
        "awards_due",
        "tier_changes",
        "awards_expired",
        "second_run_changes",
        "balance_mismatches",
        "tier_assessment_s",
    ):
        print(f"{key}: {figures[key]}")
    print(f"expiry_cron_s: {figures['expiry_cron_s']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
