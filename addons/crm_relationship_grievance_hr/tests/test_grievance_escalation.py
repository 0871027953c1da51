# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from odoo.addons.crm_relationship_grievance.tests.common import GrievanceCommon


@tagged("post_install", "-at_install")
class TestGrievanceEscalation(GrievanceCommon):
    def test_breach_goes_to_the_responsibles_manager_first(self):
        boss = new_test_user(self.env, login="grv_hr_boss", groups="base.group_user")
        Employee = self.env["hr.employee"]
        manager = Employee.create({"name": "Boss", "user_id": boss.id})
        Employee.create(
            {"name": "Responsible", "user_id": self.user.id, "parent_id": manager.id}
        )
        with freeze_time("2026-06-08 09:00:00"):
            grievance = self._grievance()
        self.assertEqual(grievance.team_id.user_id, self.leader)
        with freeze_time("2026-06-08 14:00:00"):
            self.env["crm.relationship.grievance"]._cron_escalate_sla()
        self.assertEqual(grievance.activity_ids.user_id, boss, "before the team leader")

    def test_without_manager_the_team_leader_is_next(self):
        self.env["hr.employee"].create({"name": "Responsible", "user_id": self.user.id})
        with freeze_time("2026-06-08 09:00:00"):
            grievance = self._grievance()
        with freeze_time("2026-06-08 14:00:00"):
            self.env["crm.relationship.grievance"]._cron_escalate_sla()
        self.assertEqual(grievance.activity_ids.user_id, self.leader)
