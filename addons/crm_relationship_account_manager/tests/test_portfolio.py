# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.fields import Command
from odoo.tests import tagged

from .common import AccountManagerCommon


@tagged("post_install", "-at_install")
class TestPortfolio(AccountManagerCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_portfolio("am_outsider")

    def _visible(self, user):
        rows = self.History.with_user(user).search(
            [("partner_id", "in", (self.mine | self.teammate | self.other).ids)]
        )
        return rows.partner_id

    def test_portfolio_rules(self):
        self.assertEqual(self._visible(self.am1), self.mine | self.teammate)
        self.assertEqual(
            self._visible(self.am4), self.mine | self.teammate, "the team leader"
        )
        self.assertEqual(self._visible(self.outsider), self.other)
        self.assertEqual(
            self._visible(self.manager), self.mine | self.teammate | self.other
        )

    def test_team_change_reaches_the_rules(self):
        self.assertEqual(self._visible(self.outsider), self.other)
        self.team.member_ids |= self.outsider
        self.assertEqual(
            self._visible(self.outsider), self.mine | self.teammate | self.other
        )

    def test_multi_company(self):
        other = self.env["res.company"].create({"name": "AM Other Co"})
        rule = self.Rule.create(
            {
                "name": "Other company rule",
                "company_id": other.id,
                "target_type": "users",
                "user_ids": [Command.set(self.am1.ids)],
            }
        )
        manager = self.env["crm.relationship.account.manager"].create(
            {"user_id": self.am1.id, "company_id": other.id, "capacity": 5}
        )
        customer = self.env["res.partner"].create(
            {"name": "Other Co customer", "is_company": True, "company_id": other.id}
        )
        customer.user_id = self.am2
        Rule = self.Rule.with_user(self.manager)
        self.assertFalse(Rule.search([("id", "=", rule.id)]))
        self.assertFalse(
            self.env["crm.relationship.account.manager"]
            .with_user(self.manager)
            .search([("id", "=", manager.id)])
        )
        self.assertFalse(
            self.History.with_user(self.manager).search(
                [("partner_id", "=", customer.id)]
            )
        )
        # The other company's rule does not assign this company's customers.
        mine = self._customers(1)
        changes, _unplaced = Rule._propose("unassigned", partners=mine)
        self.assertFalse(changes)
