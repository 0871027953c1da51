# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user

OWN_PORTFOLIO = "crm_relationship_account_manager.group_account_manager_own_portfolio"


class AccountManagerCommon(TransactionCase):
    """Two industries, France (with two states) and Belgium; a team of three
    account managers and a fourth manager outside it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        # Start from a clean slate: no demo rule may catch the test customers.
        cls.env["crm.relationship.assignment.rule"].search([]).active = False
        cls.manager = new_test_user(
            cls.env,
            login="am_manager",
            groups="base.group_user,crm_relationship.group_crm_relationship_manager",
        )
        cls.am1, cls.am2, cls.am3, cls.am4 = (
            new_test_user(cls.env, login=f"am_user_{i}", groups="base.group_user")
            for i in range(1, 5)
        )
        cls.team = cls.env["crm.team"].create(
            {
                "name": "Key Accounts",
                "user_id": cls.am4.id,
                "member_ids": [Command.set((cls.am1 | cls.am2 | cls.am3).ids)],
            }
        )
        Manager = cls.env["crm.relationship.account.manager"]
        cls.managers = Manager.create(
            [
                {"user_id": user.id, "capacity": capacity}
                for user, capacity in (
                    (cls.am1, 10),
                    (cls.am2, 20),
                    (cls.am3, 10),
                    (cls.am4, 10),
                )
            ]
        )
        Industry = cls.env["res.partner.industry"]
        cls.retail = Industry.create({"name": "AM Retail"})
        cls.banking = Industry.create({"name": "AM Banking"})
        cls.france = cls.env.ref("base.fr")
        cls.belgium = cls.env.ref("base.be")
        State = cls.env["res.country.state"]
        cls.paris = State.create(
            {"name": "AM Paris", "code": "AMP", "country_id": cls.france.id}
        )
        cls.lyon = State.create(
            {"name": "AM Lyon", "code": "AML", "country_id": cls.france.id}
        )
        cls.Rule = cls.env["crm.relationship.assignment.rule"]
        cls.History = cls.env["crm.relationship.account.manager.history"]

    @classmethod
    def _customers(cls, count, **vals):
        return cls.env["res.partner"].create(
            [
                {
                    "name": f"{vals.get('zip', 'Customer')} {i}",
                    "is_company": True,
                    **vals,
                }
                for i in range(count)
            ]
        )

    @classmethod
    def _setup_portfolio(cls, outsider_login):
        """am1 and its team leader am4 get the own-portfolio access, beside an
        outsider who has it too; one customer each of am1, its teammate am2
        and the outsider."""
        for user in (cls.am1, cls.am4):
            user.groups_id |= cls.env.ref(OWN_PORTFOLIO)
        cls.outsider = new_test_user(
            cls.env, login=outsider_login, groups=f"base.group_user,{OWN_PORTFOLIO}"
        )
        cls.mine, cls.teammate, cls.other = cls._customers(3)
        cls.mine.user_id = cls.am1
        cls.teammate.user_id = cls.am2
        cls.other.user_id = cls.outsider

    def _manager(self, user):
        return self.managers.filtered(lambda m: m.user_id == user)
