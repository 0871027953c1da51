"""Account-manager benchmark: rule-based assignment, balance and reassignment.

Builds a database with N commercial customers (default 100,000) spread over
10 industries, 5 countries and their ZIP codes, a tenth of them Key and a
fifth Priority customers; M account managers (default 200) in T sales teams
(default 20) with capacities of 1,200, 1,300 and 1,400 weighted accounts in
turn; R assignment rules (default 50: industry x country, each to a team).
The customers are written with one INSERT ... SELECT: this is a fixture, not
the add-on's way of writing.

Then, in ``odoo shell``, it times (flush included):

1. ``assign_all_s``: the nightly run on the unassigned, i.e. every customer:
   first matching rule, balance by load / capacity, one write per manager
   and rule, a history row each;
2. ``load_deviation_pct``: the largest gap between a manager's load /
   capacity and their team's mean, in percent of that mean;
3. ``realign_one_rule_s``: one rule is given to another team, then the
   realignment moves only the customers of that rule (with a handover
   activity each); a second realignment must find nothing to move;
4. ``reassign_leaver_s``: a manager who holds L accounts (default 5,000)
   leaves: all their customers go to their teammates, balanced, with a
   handover activity each.

    python -m scripts.bench_assignment [--customers N] [--managers M]
        [--teams T] [--rules R] [--leaver-accounts L] [--keep DIR]

Ends with one ``key: value`` line per figure.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from scripts.bench_shell import in_folder, run_scripts

DB = "bench_assignment"

# Runs inside `odoo shell`; PARAMS is prepended as a JSON literal.
GENERATE = r"""
import time
from odoo.fields import Command

N, M, T, R = PARAMS["customers"], PARAMS["managers"], PARAMS["teams"], PARAMS["rules"]
started = time.monotonic()
env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True,
                       mail_create_nosubscribe=True, no_reset_password=True))
company = env.company
users = env["res.users"].create([
    {"name": f"Bench manager {i}", "login": f"bench_am_{i}",
     "groups_id": [Command.set([env.ref("base.group_user").id])]}
    for i in range(M)
])
per_team = M // T
teams = env["crm.team"].create([
    {"name": f"Bench team {t}",
     "member_ids": [Command.set(users[t * per_team:(t + 1) * per_team].ids)]}
    for t in range(T)
])
env["crm.relationship.account.manager"].create([
    {"user_id": user.id, "capacity": 1200 + 100 * (i % 3)}
    for i, user in enumerate(users)
])
industries = env["res.partner.industry"].create(
    [{"name": f"Bench industry {i}"} for i in range(10)])
countries = env["res.country"].search([("code", "in", ["FR", "DE", "BE", "NL", "IT"])])
rules = []
for r in range(R):
    rules.append({
        "name": f"Bench rule {r}", "sequence": r,
        "industry_ids": [Command.set([industries[r % 10].id])],
        "country_ids": [Command.set([countries[(r // 10) % 5].id])],
        "team_id": teams[r % T].id,
    })
env["crm.relationship.assignment.rule"].create(rules)
env.flush_all()
env.cr.execute('''
    INSERT INTO res_partner (
        name, complete_name, is_company, active, type, partner_share, company_id,
        industry_id, country_id, zip, relationship_priority, autopost_bills,
        create_uid, create_date, write_uid, write_date)
    SELECT 'Bench customer ' || i, 'Bench customer ' || i, true, true, 'contact', true,
           NULL, (%(industries)s::int[])[1 + i %% 10],
           (%(countries)s::int[])[1 + (i / 10) %% 5],
           lpad(((i * 7919) %% 100000)::text, 5, '0'),
           CASE WHEN (i / 50) %% 10 = 0 THEN 'key'
                WHEN (i / 50) %% 5 = 1 THEN 'priority'
                ELSE 'standard' END,
           'ask', 1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
      FROM generate_series(0, %(n)s - 1) AS i
''', {"n": N, "industries": industries.ids, "countries": countries.ids})
env.cr.execute(
    "UPDATE res_partner SET commercial_partner_id = id"
    " WHERE commercial_partner_id IS NULL"
)
env.cr.execute("ANALYZE res_partner")
env.cr.commit()
print(f"BENCH customers: {N}")
print(f"BENCH generate_s: {time.monotonic() - started:.1f}")
"""

MEASURE = r"""
import time
from collections import defaultdict

Rule = env["crm.relationship.assignment.rule"]
Manager = env["crm.relationship.account.manager"]
Partner = env["res.partner"]


def timed(function):
    env.invalidate_all()
    started = time.monotonic()
    result = function()
    env.flush_all()
    elapsed = time.monotonic() - started
    env.cr.commit()
    return result, elapsed


def run(mode):
    changes, unplaced = Rule._propose(mode)
    Rule._apply_changes(changes, cause="rule", handover=mode == "realign")
    return changes, unplaced


(changes, unplaced), assign_all = timed(lambda: run("unassigned"))
managers = Manager.search([])
worst = 0.0
for team in env["crm.team"].search([("name", "like", "Bench team")]):
    members = managers.filtered(lambda m: m.user_id in team.member_ids)
    ratios = [m.load / m.capacity for m in members]
    mean = sum(ratios) / len(ratios)
    worst = max(worst, max(abs(r - mean) / mean * 100 for r in ratios))
print(f"BENCH assigned: {len(changes)}")
print(f"BENCH unplaced: {len(unplaced)}")
History = env["crm.relationship.account.manager.history"]
print(f"BENCH history_rows: {History.search_count([])}")

# One rule goes to another team: only its customers move.
rule = Rule.search([("name", "=", "Bench rule 0")])
teams = env["crm.team"].search([("name", "like", "Bench team")], order="id")
rule_customers = Partner.search_count([("account_manager_rule_id", "=", rule.id)])
rule.team_id = teams[-1]
env.cr.commit()
(moved, _u), realign = timed(lambda: run("realign"))
print(f"BENCH rule_customers: {rule_customers}")
print(f"BENCH realign_moved: {len(moved)}")
(again, _u), _s = timed(lambda: Rule._propose("realign"))
print(f"BENCH realign_again_moves: {len(again)}")

# A leaver holding L accounts: all go to their teammates.
team = teams[1]
leaver = team.member_ids.sorted("id")[0]
held = Partner.search_count([("user_id", "=", leaver.id)])
extra = Partner.search(
    [("user_id", "in", (team.member_ids - leaver).ids)],
    limit=max(PARAMS["leaver_accounts"] - held, 0),
)
give = [{"partner_id": p.id, "user_from_id": p.user_id.id, "user_to_id": leaver.id,
         "rule_id": False, "weight": 1} for p in extra]
Rule._apply_changes(give, cause="bulk", handover=False)
env.cr.commit()
portfolio = Partner.search([("user_id", "=", leaver.id)])
print(f"BENCH leaver_accounts: {len(portfolio)}")


def leave():
    partners = Partner.search(Rule._customer_domain() + [("user_id", "=", leaver.id)])
    changes, unplaced = Rule._propose_reassignment(partners, team.member_ids - leaver)
    Rule._apply_changes(changes, cause="leaver", reason="Left", handover=True)
    return changes, unplaced


(left, left_unplaced), leaver_s = timed(leave)
print(f"BENCH leaver_moved: {len(left)}")
print(f"BENCH leaver_unplaced: {len(left_unplaced)}")
print(f"BENCH assign_all_s: {assign_all:.2f}")
print(f"BENCH load_deviation_pct: {worst:.2f}")
print(f"BENCH realign_one_rule_s: {realign:.2f}")
print(f"BENCH reassign_leaver_s: {leaver_s:.2f}")
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--managers", type=int, default=200)
    parser.add_argument("--teams", type=int, default=20)
    parser.add_argument("--rules", type=int, default=50)
    parser.add_argument("--leaver-accounts", type=int, default=5_000)
    parser.add_argument(
        "--keep", type=Path, help="folder for the cluster, kept for another run"
    )
    args = parser.parse_args(argv)
    return in_folder(args.keep, "bench-am-", lambda folder: run(args, folder))


def run(args, folder: Path) -> int:
    params = {
        "customers": args.customers,
        "managers": args.managers,
        "teams": args.teams,
        "rules": args.rules,
        "leaver_accounts": args.leaver_accounts,
    }
    steps = [("generating data", GENERATE), ("measuring", MEASURE)]
    figures = run_scripts(folder, DB, params, steps)
    for key in ("assigned", "unplaced", "realign_moved", "realign_again_moves"):
        print(f"{key}: {figures[key]}")
    for key in (
        "assign_all_s",
        "load_deviation_pct",
        "realign_one_rule_s",
        "reassign_leaver_s",
    ):
        print(f"{key}: {figures[key]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
