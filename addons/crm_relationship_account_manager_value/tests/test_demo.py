# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest import SkipTest

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemo(TransactionCase):
    """With demo data, the account-manager screens are populated: managers
    with customers, a few customers no rule matches, a leaver's handover and
    the key accounts realigned in the history."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        module = cls.env["ir.module.module"].search(
            [("name", "=", "crm_relationship_account_manager_value")]
        )
        if not module.demo:
            raise SkipTest("installed without demo data")

    def test_account_manager_screens(self):
        managers = self.env["crm.relationship.account.manager"].search([])
        self.assertGreaterEqual(len(managers.filtered("account_count")), 5)
        self.assertTrue(managers.filtered("on_leave").account_count)
        leaver = self.env.ref("crm_relationship_account_manager.demo_user_daniel")
        Partner = self.env["res.partner"]
        self.assertFalse(Partner.search_count([("user_id", "=", leaver.id)]))
        Rule = self.env["crm.relationship.assignment.rule"]
        # the demo customers no rule matches (Switzerland, Poland); contacts
        # other add-ons' demo data create later (e.g. Employees') are left
        # to the nightly run
        unassigned = Partner.search([*Rule._customer_domain(), ("user_id", "=", False)])
        self.assertIn(
            self.env.ref("crm_relationship.demo_customer_12457"),
            unassigned,
        )
        History = self.env["crm.relationship.account.manager.history"]
        self.assertTrue(History.search_count([("cause", "=", "leaver")]))
        key_rule = self.env.ref(
            "crm_relationship_account_manager_value.assignment_rule_key_accounts"
        )
        self.assertTrue(key_rule.customer_count)
