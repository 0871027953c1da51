# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import new_test_user, tagged

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

    def test_customer_priority_shown_filtered_and_grouped(self):
        """The grievance shows its customer's level, to a Sales user too,
        and the grievances filter and group by it."""
        grievance = self._grievance()
        self.customer.relationship_priority = "key"
        salesperson = new_test_user(
            self.env, login="grv_value_sales", groups="sales_team.group_sale_salesman"
        )
        self.customer.user_id = salesperson  # their customer
        self.assertEqual(grievance.with_user(salesperson).customer_priority, "key")
        Grievance = self.env["crm.relationship.grievance"]
        self.assertIn(
            grievance,
            Grievance.search([("customer_priority", "in", ("priority", "key"))]),
        )
        groups = dict(
            Grievance._read_group(
                [("id", "=", grievance.id)], ["customer_priority"], ["__count"]
            )
        )
        self.assertEqual(groups, {"key": 1})
        arch = Grievance.get_views([(False, "search")])["views"]["search"]["arch"]
        self.assertIn("group_customer_priority", arch)
