"""Grievance benchmark: the SLA escalation cron over 100,000 open grievances.

Builds a database with N open grievances (default 100,000) of 2,000 customers
handled by 5 teams, their deadlines spread around now the way a live help desk
has them: most on track, some reaching their at-risk point, some past their
deadline and not yet escalated, a few already escalated, a few waiting on the
customer. The rows are written with one INSERT ... SELECT: this is a fixture,
not the add-on's way of writing (the add-on plans each deadline on a resource
calendar at create).

Then, in ``odoo shell``, it times ``_cron_escalate_sla()`` (flush included),
checks what it did, and times a second run that must find nothing to do.

    python -m scripts.bench_grievances [--grievances N] [--breach-share 0.01]
        [--at-risk-share 0.02] [--keep DIR]

Ends with one ``key: value`` line per figure; the last is
``escalation_cron_s``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.bench_shell import in_folder, run_scripts

DB = "bench_grievances"

# Runs inside `odoo shell`; PARAMS is prepended as a JSON literal.
GENERATE = r"""
import time
from odoo.fields import Command

N = PARAMS["grievances"]
started = time.monotonic()
env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True,
                       mail_create_nosubscribe=True, no_reset_password=True))
company = env.company
user_group = env.ref("crm_relationship.group_crm_relationship_user")
users = env["res.users"].create([
    {"name": f"Bench agent {i}", "login": f"bench_agent_{i}",
     "groups_id": [Command.link(user_group.id)]}
    for i in range(10)
])
teams = env["crm.team"].create([
    {"name": f"Bench team {i}", "user_id": users[i].id,
     "member_ids": [Command.link(users[5 + i].id)]}
    for i in range(5)
])
partners = env["res.partner"].create([
    {"name": f"Bench customer {i}", "is_company": True,
     "email": f"customer{i}@bench.example", "user_id": users[5 + i % 5].id}
    for i in range(2000)
])
stage_new = env.ref("crm_relationship_grievance.grievance_stage_new")
stage_waiting = env.ref("crm_relationship_grievance.grievance_stage_waiting")
policy = env.ref("crm_relationship_grievance.grievance_sla_standard")
category = env.ref("crm_relationship_grievance.grievance_category_delivery_late")
env.flush_all()
cr = env.cr
# Shares of the population, by position i in 0..N-1:
#   breach: next deadline passed 0-15 minutes ago, not escalated yet
#   at_risk: at-risk point passed, deadline ahead
#   escalated: breached and escalated by an earlier run
#   paused: waiting on the customer (deadline passed, must not escalate)
#   the rest: on track, deadlines 1 hour to 10 days ahead
cr.execute('''
    WITH params AS (
        SELECT %(n)s AS n, %(breach)s AS breach, %(at_risk)s AS at_risk,
               0.03 AS escalated, 0.02 AS paused,
               (now() at time zone 'UTC') AS now
    ), rows AS (
        SELECT i,
               CASE WHEN i < n * breach THEN 'breach'
                    WHEN i < n * (breach + at_risk) THEN 'at_risk'
                    WHEN i < n * (breach + at_risk + escalated) THEN 'escalated'
                    WHEN i < n * (breach + at_risk + escalated + paused) THEN 'paused'
                    ELSE 'on_track' END AS kind,
               now, (i * 7919) %% 2000 AS p, i %% 5 AS t
          FROM params, generate_series(0, (SELECT n FROM params) - 1) AS i
    ), timed AS (
        SELECT rows.*,
               CASE kind WHEN 'breach' THEN now - interval '1 minute' * (i %% 15)
                         WHEN 'at_risk' THEN now + interval '1 minute' * (30 + i %% 90)
                         WHEN 'escalated' THEN now - interval '1 hour' * (1 + i %% 48)
                         WHEN 'paused' THEN now - interval '1 hour' * (1 + i %% 48)
                         ELSE now + interval '1 minute' * (60 + i %% 14400) END
                   AS deadline
          FROM rows
    )
    INSERT INTO crm_relationship_grievance (
        name, reference, company_id, partner_id, commercial_partner_id, email_from,
        severity, priority, user_id, team_id, stage_id, is_closed, active,
        date_received, sla_policy_id, sla_paused_hours, sla_paused_since,
        first_response_deadline, resolution_deadline, sla_deadline, sla_at_risk_date,
        sla_status, sla_breach_date, reopen_count,
        create_uid, create_date, write_uid, write_date)
    SELECT 'Bench grievance ' || i, 'BENCH/' || lpad(i::text, 7, '0'), %(company)s,
           (%(partners)s::int[])[p + 1], (%(partners)s::int[])[p + 1],
           'customer' || p || '@bench.example',
           'moderate', '1', (%(users)s::int[])[t + 6], (%(teams)s::int[])[t + 1],
           CASE kind WHEN 'paused' THEN %(waiting)s ELSE %(new)s END, false, true,
           deadline - interval '3 days', %(policy)s, 0,
           CASE kind WHEN 'paused' THEN deadline - interval '2 hours' END,
           deadline - interval '2 days', deadline, deadline,
           CASE kind WHEN 'at_risk' THEN now - interval '1 minute'
                     WHEN 'breach' THEN deadline - interval '2 hours'
                     WHEN 'on_track' THEN deadline - interval '10 hours'
                     ELSE deadline - interval '2 hours' END,
           CASE kind WHEN 'escalated' THEN 'breached'
                     WHEN 'breach' THEN 'at_risk' ELSE 'on_track' END,
           CASE kind WHEN 'escalated' THEN deadline END,
           0,
           1, now, 1, now
      FROM timed
''', {
    "n": N, "breach": PARAMS["breach_share"], "at_risk": PARAMS["at_risk_share"],
    "company": company.id, "partners": partners.ids, "users": [0] + users.ids,
    "teams": teams.ids, "waiting": stage_waiting.id, "new": stage_new.id,
    "policy": policy.id,
})
cr.execute("ANALYZE crm_relationship_grievance")
env.cr.commit()
print(f"BENCH grievances: {N}")
print(f"BENCH generate_s: {time.monotonic() - started:.1f}")
"""

MEASURE = r"""
import time
Grievance = env["crm.relationship.grievance"]
Activity = env["mail.activity"]
open_count = Grievance.search_count([("is_closed", "=", False)])
now = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())
due = Grievance.search_count([
    ("is_closed", "=", False), ("sla_paused_since", "=", False),
    ("sla_breach_date", "=", False), ("sla_deadline", "<=", now),
])
activities_before = Activity.search_count([("res_model", "=", Grievance._name)])
env.invalidate_all()
started = time.monotonic()
at_risk, breached = Grievance._cron_escalate_sla()
env.flush_all()
first = time.monotonic() - started
env.cr.commit()
activities = (
    Activity.search_count([("res_model", "=", Grievance._name)]) - activities_before
)
env.invalidate_all()
started = time.monotonic()
again = Grievance._cron_escalate_sla()
env.flush_all()
second = time.monotonic() - started
env.cr.commit()
print(f"BENCH open_grievances: {open_count}")
print(f"BENCH due_for_escalation: {due}")
print(f"BENCH at_risk_flagged: {at_risk}")
print(f"BENCH breaches_recorded: {breached}")
print(f"BENCH activities_created: {activities}")
print(f"BENCH second_run_changes: {sum(again)}")
print(f"BENCH second_run_s: {second:.3f}")
print(f"BENCH escalation_cron_s: {first:.3f}")
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--grievances", type=int, default=100_000)
    parser.add_argument(
        "--breach-share",
        type=float,
        default=0.01,
        help="share past their deadline, not escalated yet (default 0.01)",
    )
    parser.add_argument(
        "--at-risk-share",
        type=float,
        default=0.02,
        help="share past their at-risk point (default 0.02)",
    )
    parser.add_argument(
        "--keep", type=Path, help="folder for the cluster, kept for another run"
    )
    args = parser.parse_args(argv)
    return in_folder(args.keep, "bench-grv-", lambda folder: run(args, folder))


def run(args, folder: Path) -> int:
    params = {
        "grievances": args.grievances,
        "breach_share": args.breach_share,
        "at_risk_share": args.at_risk_share,
    }
    steps = [("generating data", GENERATE), ("measuring", MEASURE)]
    figures = run_scripts(folder, DB, params, steps)
    for key in ("open_grievances", "breaches_recorded", "second_run_changes"):
        print(f"{key}: {figures[key]}")
    print(f"escalation_cron_s: {figures['escalation_cron_s']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
