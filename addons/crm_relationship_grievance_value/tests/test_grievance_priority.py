# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.crm_relationship_grievance.tests.common import GrievanceCommon


@tagged("post_install", "-at_install")
class TestGrievancePriority(GrievanceCommon):
    def test_customer_priority_level_raises_priority_and_sla(self):
        grievance = self._grievance()
        self.assertRecordValues(
            grievance, [{"priority": "1", "sla_policy_id": self.sla_standard.id}]
        )
        self.customer.relationship_priority = "key"
        self.assertRecordValues(
            grievance, [{"priority": "3", "sla_policy_id": self.sla_urgent.id}]
        )
        self.customer.relationship_priority = "standard"
        self.assertEqual(grievance.priority, "1")
