# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from freezegun import freeze_time

from odoo.tests import BaseCase, tagged

from ..tools.sla_calendar import hours_between, plan_on_intervals
from .common import GrievanceCommon


def dt(text):
    return datetime.fromisoformat(text)


@tagged("post_install", "-at_install")
class TestSlaCalendarFunctions(BaseCase):
    intervals = [
        (dt("2026-06-05 08:00"), dt("2026-06-05 12:00")),
        (dt("2026-06-05 13:00"), dt("2026-06-05 17:00")),
        (dt("2026-06-08 08:00"), dt("2026-06-08 12:00")),
    ]

    def test_plan_inside_and_across_intervals(self):
        plan = plan_on_intervals
        self.assertEqual(
            plan(self.intervals, dt("2026-06-05 09:00"), 2), dt("2026-06-05 11:00")
        )
        self.assertEqual(
            plan(self.intervals, dt("2026-06-05 11:00"), 2), dt("2026-06-05 14:00")
        )
        self.assertEqual(
            plan(self.intervals, dt("2026-06-05 16:00"), 3), dt("2026-06-08 10:00")
        )
        self.assertEqual(
            plan(self.intervals, dt("2026-06-05 18:00"), 0),
            dt("2026-06-08 08:00"),
            "outside working hours the clock starts at the next opening",
        )
        self.assertIsNone(plan(self.intervals, dt("2026-06-05 08:00"), 13))

    def test_hours_between(self):
        self.assertEqual(
            hours_between(
                self.intervals, dt("2026-06-05 11:00"), dt("2026-06-08 09:00")
            ),
            6.0,
        )
        self.assertEqual(
            hours_between(
                self.intervals, dt("2026-06-08 09:00"), dt("2026-06-05 11:00")
            ),
            0.0,
        )


@tagged("post_install", "-at_install")
class TestGrievanceSla(GrievanceCommon):
    @freeze_time("2026-06-05 15:00:00")  # a Friday
    def test_deadlines_skip_the_weekend(self):
        grievance = self._grievance()
        self.assertEqual(grievance.priority, "1")
        self.assertEqual(grievance.sla_policy_id, self.sla_standard)
        # 4 h: Friday 15-17 (2 h) then Monday 8-10
        self.assertEqual(grievance.first_response_deadline, dt("2026-06-08 10:00"))
        # 16 h: Friday 2 h, Monday 8 h, Tuesday 6 h (8-12, 13-15)
        self.assertEqual(grievance.resolution_deadline, dt("2026-06-09 15:00"))
        self.assertEqual(grievance.sla_deadline, grievance.first_response_deadline)
        # at risk after 75 % of 4 h = 3 h: Friday 2 h, Monday 8-9
        self.assertEqual(grievance.sla_at_risk_date, dt("2026-06-08 09:00"))
        self.assertEqual(grievance.sla_status, "on_track")

    @freeze_time("2026-06-05 15:00:00")
    def test_public_holiday_is_not_working_time(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Public holiday",
                "calendar_id": self.calendar.id,
                "date_from": "2026-06-08 00:00:00",
                "date_to": "2026-06-08 23:59:59",
                "time_type": "leave",
            }
        )
        grievance = self._grievance()
        self.assertEqual(grievance.first_response_deadline, dt("2026-06-09 10:00"))
        self.assertEqual(grievance.resolution_deadline, dt("2026-06-10 15:00"))

    def test_waiting_on_customer_pauses_the_clock(self):
        # the escalation below is about this grievance, not the demo's
        self.env["crm.relationship.grievance"].search([]).active = False
        with freeze_time("2026-06-08 09:00:00"):  # Monday
            grievance = self._grievance()
        # 16 h from Monday 9:00: Mon 7 h, Tue 8 h, Wed 8-9
        self.assertEqual(grievance.resolution_deadline, dt("2026-06-10 09:00"))
        with freeze_time("2026-06-08 11:00:00"):
            self._post(
                grievance, "We need a photo of the parcel.", self.user.partner_id
            )
            grievance.stage_id = self.stage_waiting
        self.assertEqual(grievance.sla_paused_since, dt("2026-06-08 11:00"))
        self.assertFalse(
            self.env["crm.relationship.grievance"]._cron_escalate_sla()[1],
            "nothing to escalate",
        )
        with freeze_time("2026-06-09 10:00:00"):
            grievance.stage_id = self.stage_progress
        # Paused Mon 11-12, 13-17 and Tue 8-10: 7 working hours
        self.assertFalse(grievance.sla_paused_since)
        self.assertAlmostEqual(grievance.sla_paused_hours, 7.0)
        # Wed 9:00 + 7 h = Wed 9-12, 13-17
        self.assertEqual(grievance.resolution_deadline, dt("2026-06-10 17:00"))
        self.assertEqual(grievance.sla_deadline, grievance.resolution_deadline)

    @freeze_time("2026-06-08 09:00:00")
    def test_priority_change_moves_deadlines(self):
        grievance = self._grievance()
        self.assertEqual(grievance.resolution_deadline, dt("2026-06-10 09:00"))
        grievance.severity = "critical"
        self.assertEqual(grievance.priority, "3")
        self.assertEqual(grievance.sla_policy_id, self.sla_urgent)
        self.assertEqual(grievance.first_response_deadline, dt("2026-06-08 10:00"))
        self.assertEqual(grievance.resolution_deadline, dt("2026-06-08 14:00"))

    def test_policy_by_category_covers_subcategories(self):
        late_policy = self.env["crm.relationship.grievance.sla"].create(
            {
                "name": "Delivery",
                "sequence": 5,
                "category_ids": [(4, self.category_delivery.id)],
                "resource_calendar_id": self.calendar.id,
                "resolution_hours": 8,
            }
        )
        grievance = self._grievance(category_id=self.category_late.id)
        self.assertEqual(grievance.sla_policy_id, late_policy)
        other = self._grievance(
            category_id=self.env.ref(
                "crm_relationship_grievance.grievance_category_billing"
            ).id
        )
        self.assertEqual(other.sla_policy_id, self.sla_standard)

    def test_escalation_is_recorded_once(self):
        with freeze_time("2026-06-08 09:00:00"):
            grievance = self._grievance()
            quiet = self._grievance(name="Still in time")
        cron = self.env.ref("crm_relationship_grievance.ir_cron_grievance_escalation")
        Activity = self.env["mail.activity"]
        with freeze_time("2026-06-08 12:30:00"):  # 3 h spent of 4: at risk
            quiet.date_first_response = "2026-06-08 09:30:00"
            cron.method_direct_trigger()
        self.assertEqual(grievance.sla_status, "at_risk")
        self.assertEqual(quiet.sla_status, "on_track")
        self.assertFalse(grievance.sla_breach_date)
        with freeze_time("2026-06-08 14:00:00"):  # first response overdue
            cron.method_direct_trigger()
        self.assertEqual(grievance.sla_status, "breached")
        self.assertEqual(grievance.sla_breach_date, dt("2026-06-08 14:00"))
        activities = Activity.search(
            [("res_model", "=", grievance._name), ("res_id", "=", grievance.id)]
        )
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.leader, "the team leader acts")
        self.assertEqual(
            activities.activity_type_id,
            self.env.ref(
                "crm_relationship_grievance.mail_activity_type_grievance_escalation"
            ),
        )
        self.assertIn(self.leader.partner_id, grievance.message_partner_ids)
        digests = self.env["mail.message"].search(
            [
                ("partner_ids", "in", self.leader.partner_id.ids),
                ("subject", "like", "breached their SLA"),
            ]
        )
        self.assertEqual(len(digests), 1, "one digest for the team leader")
        self.assertIn(grievance.reference, digests.body)
        with freeze_time("2026-06-09 09:00:00"):
            cron.method_direct_trigger()
            cron.method_direct_trigger()
        self.assertEqual(grievance.sla_breach_date, dt("2026-06-08 14:00"))
        self.assertEqual(
            Activity.search_count(
                [("res_model", "=", grievance._name), ("res_id", "=", grievance.id)]
            ),
            1,
            "running again escalates nothing twice",
        )
        self.assertEqual(
            self.env["mail.message"].search_count(
                [
                    ("partner_ids", "in", self.leader.partner_id.ids),
                    ("subject", "like", "breached their SLA"),
                ]
            ),
            1,
        )
        self.assertEqual(quiet.sla_status, "on_track")
        self.assertEqual(
            self.env["crm.relationship.grievance"].search_count(
                [("sla_status", "=", "breached"), ("id", "in", (grievance | quiet).ids)]
            ),
            1,
            "SLA status is searchable",
        )

    def test_escalation_note_in_chatter(self):
        with freeze_time("2026-06-08 09:00:00"):
            grievance = self._grievance()
        with freeze_time("2026-06-08 14:00:00"):
            self.env["crm.relationship.grievance"]._cron_escalate_sla()
        notes = grievance.message_ids.filtered(
            lambda m: "SLA breached" in (m.body or "")
        )
        self.assertEqual(len(notes), 1)
        self.assertIn("first response", notes.body)
        self.assertIn(self.leader.name, notes.body)

    def test_escalation_to_the_responsibles_sales_team_leader(self):
        with freeze_time("2026-06-08 09:00:00"):
            grievance = self._grievance(team_id=False)
        self.assertFalse(grievance.team_id)
        with freeze_time("2026-06-12 09:00:00"):
            self.env["crm.relationship.grievance"]._cron_escalate_sla()
        self.assertEqual(grievance.activity_ids.user_id, self.leader)

    def test_late_first_answer_is_recorded_as_breach(self):
        with freeze_time("2026-06-08 09:00:00"):
            grievance = self._grievance()
        # 4 working hours from 09:00 with lunch 12-13: due 14:00
        self.assertEqual(grievance.first_response_deadline, dt("2026-06-08 14:00"))
        with freeze_time("2026-06-08 15:30:00"):
            self._post(grievance, "Sorry for the wait", self.user.partner_id)
        self.assertEqual(grievance.sla_breach_date, dt("2026-06-08 14:00"))
        self.assertEqual(grievance.sla_status, "breached")

    def test_late_closure_is_recorded_as_breach(self):
        with freeze_time("2026-06-08 09:00:00"):
            grievance = self._grievance(date_first_response="2026-06-08 09:30:00")
        self.assertEqual(grievance.resolution_deadline, dt("2026-06-10 09:00"))
        with freeze_time("2026-06-11 10:00:00"):
            grievance.write(
                {"resolution": "<p>Refunded.</p>", "stage_id": self.stage_resolved.id}
            )
        self.assertEqual(grievance.sla_breach_date, dt("2026-06-10 09:00"))
        self.assertEqual(grievance.sla_status, "breached")

    def test_escalation_never_to_the_responsible(self):
        """Nobody but the responsible to escalate to: no activity for them
        (they already have the grievance), a note in the chatter."""
        self.team.member_ids = False
        with freeze_time("2026-06-08 09:00:00"):
            grievance = self._grievance(team_id=False)
            led = self._grievance(
                name="Led by its responsible",
                user_id=self.leader.id,
                team_id=self.team.id,
            )
        self.assertFalse(grievance.team_id)
        self.assertEqual(led.team_id.user_id, self.leader)
        with freeze_time("2026-06-12 09:00:00"):
            self.env["crm.relationship.grievance"]._cron_escalate_sla()
        self.assertFalse((grievance | led).activity_ids)
        for breached in grievance | led:
            self.assertEqual(breached.sla_status, "breached")
            self.assertIn(
                "Nobody but the responsible",
                " ".join(breached.message_ids.mapped("body")),
            )
