# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import Form, tagged

from .common import AccountManagerCommon


@tagged("post_install", "-at_install")
class TestAssignWizard(AccountManagerCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Wizard = cls.env["crm.relationship.account.manager.assign"].with_user(
            cls.manager
        )
        cls.rule = cls.Rule.create(
            {
                "name": "Retail to the team",
                "industry_ids": [Command.set(cls.retail.ids)],
                "team_id": cls.team.id,
            }
        )

    def test_preview_equals_apply(self):
        customers = self._customers(8, industry_id=self.retail.id)
        wizard = self.Wizard.create({"mode": "unassigned"})
        wizard.action_preview()
        self.assertEqual(wizard.state, "preview")
        proposed = {line.partner_id: line.user_to_id for line in wizard.line_ids}
        self.assertEqual(set(proposed), set(customers))
        loads = {line.user_id: line for line in wizard.load_ids}
        self.assertEqual(loads[self.am2].load_before, 0)
        self.assertEqual(loads[self.am2].load_after, 4)
        self.assertEqual(loads[self.am2].capacity, 20)
        self.assertEqual(sum(wizard.load_ids.mapped("count_in")), 8)
        wizard.action_apply()
        self.assertEqual({p: p.user_id for p in customers}, proposed)
        self.assertEqual(
            set(
                self.History.search([("partner_id", "in", customers.ids)]).mapped(
                    "cause"
                )
            ),
            {"rule"},
        )
        self.assertEqual(self._manager(self.am2).load, 4)

    def test_bulk_reassignment_of_a_leaver(self):
        customers = self._customers(6, industry_id=self.retail.id)
        customers.user_id = self.am1
        self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "in", customers.ids)]
        ).unlink()
        wizard_form = Form(self.Wizard)
        wizard_form.mode = "reassign"
        wizard_form.from_user_id = self.am1
        wizard_form.target_type = "team"
        wizard_form.target_team_id = self.team
        wizard_form.reason = "Left the company"
        wizard = wizard_form.save()
        wizard.action_preview()
        self.assertEqual(len(wizard.line_ids), 6)
        self.assertNotIn(self.am1, wizard.line_ids.user_to_id)
        wizard.action_apply()
        # am2 has twice am3's capacity.
        self.assertEqual(len(customers.filtered(lambda p: p.user_id == self.am2)), 4)
        self.assertEqual(len(customers.filtered(lambda p: p.user_id == self.am3)), 2)
        rows = self.History.search(
            [("partner_id", "in", customers.ids), ("cause", "=", "leaver")]
        )
        self.assertEqual(len(rows), 6)
        self.assertEqual(set(rows.mapped("reason")), {"Left the company"})
        self.assertEqual(rows.user_from_id, self.am1)
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "in", customers.ids)]
        )
        self.assertEqual(len(activities), 6)
        self.assertEqual(activities.user_id, self.am2 | self.am3)
        self.assertEqual(self._manager(self.am1).account_count, 0)

    def test_selected_customers_to_one_manager(self):
        customers = self._customers(3)
        wizard = self.Wizard.with_context(
            active_model="res.partner", active_ids=customers.ids
        ).create({"target_type": "user", "target_user_id": self.am4.id})
        self.assertEqual(wizard.mode, "reassign")
        wizard.action_apply()
        self.assertEqual(customers.user_id, self.am4)
        self.assertEqual(set(customers.mapped("account_manager_cause")), {"bulk"})

    def test_errors_and_rights(self):
        with self.assertRaises(UserError):
            self.Wizard.create(
                {"mode": "reassign", "target_user_id": self.am1.id}
            ).action_preview()
        user = self.env["res.users"].create(
            {
                "name": "Relationship user",
                "login": "am_rel_user",
                "groups_id": [
                    Command.set(
                        self.env.ref("crm_relationship.group_crm_relationship_user").ids
                    )
                ],
            }
        )
        with self.assertRaises(AccessError):
            self.env["crm.relationship.account.manager.assign"].with_user(user).create(
                {"mode": "unassigned"}
            )
        with self.assertRaises(AccessError):
            self.env["crm.relationship.account.manager"].with_user(user).browse(
                self.managers[0].id
            ).action_reassign_all()
