# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.crm_relationship_account_manager.tests.common import (
    AccountManagerCommon,
)


@tagged("post_install", "-at_install")
class TestGrievancePortfolio(AccountManagerCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_portfolio("am_grv_outsider")
        Grievance = cls.env["crm.relationship.grievance"]
        cls.grievances = Grievance.create(
            [
                {"name": f"Late delivery {p.name}", "partner_id": p.id}
                for p in (cls.mine, cls.teammate, cls.other)
            ]
        )

    def _visible(self, user):
        return (
            self.env["crm.relationship.grievance"]
            .with_user(user)
            .search([("id", "in", self.grievances.ids)])
            .commercial_partner_id
        )

    def test_portfolio_rules_for_two_managers_and_a_leader(self):
        self.assertEqual(self.grievances[0].account_manager_id, self.am1)
        self.assertEqual(self._visible(self.am1), self.mine | self.teammate)
        self.assertEqual(self._visible(self.am4), self.mine | self.teammate)
        self.assertEqual(self._visible(self.outsider), self.other)
        self.assertEqual(
            self._visible(self.manager), self.mine | self.teammate | self.other
        )
        # A grievance handled by the outsider is theirs to see.
        self.grievances[0].user_id = self.outsider
        self.assertEqual(self._visible(self.outsider), self.mine | self.other)

    def test_handover_lists_open_grievances(self):
        changes, _unplaced = self.Rule._propose_reassignment(self.mine, self.am3)
        self.Rule._apply_changes(changes, cause="bulk")
        activity = self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", self.mine.id),
                ("user_id", "=", self.am3.id),
            ]
        )
        self.assertIn(self.grievances[0].reference, activity.note)
        self.assertEqual(self.grievances[0].account_manager_id, self.am3)
