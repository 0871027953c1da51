# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import new_test_user, tagged

from .common import AccountManagerCommon

OWN = "crm_relationship_account_manager.group_account_manager_own_portfolio"


@tagged("post_install", "-at_install")
class TestPortfolio(AccountManagerCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in (cls.am1, cls.am4):
            user.groups_id |= cls.env.ref(OWN)
        cls.outsider = new_test_user(
            cls.env, login="am_outsider", groups=f"base.group_user,{OWN}"
        )
        cls.mine, cls.teammate, cls.other = cls._customers(3)
        cls.mine.user_id = cls.am1
        cls.teammate.user_id = cls.am2
        cls.other.user_id = cls.outsider

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
