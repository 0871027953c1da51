# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user, tagged

# Figures a Sales, Invoicing or portal user must not search or group by.
VALUE_FIELDS = [
    ("relationship_revenue", ">", 0),
    ("relationship_margin", ">", 0),
    ("relationship_order_count", ">", 0),
    ("relationship_quadrant", "=", "true_friend"),
    ("relationship_rfm_score", "=", "555"),
    ("relationship_rfm_segment_id", "!=", False),
    ("relationship_segment_ids", "!=", False),
    ("relationship_metrics_id.revenue", ">", 0),
]


@tagged("post_install", "-at_install")
class TestValueAccess(TransactionCase):
    """Who reads, searches and sets customer value and priority."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "Access Co B"})

        def user(login, groups, company=cls.company_a):
            return new_test_user(
                cls.env,
                login=login,
                groups=groups,
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
            )

        cls.rel_user = user(
            "crm_rel_acc_user",
            "base.group_user,crm_relationship.group_crm_relationship_user",
        )
        cls.manager = user(
            "crm_rel_acc_manager",
            "base.group_user,crm_relationship.group_crm_relationship_manager",
        )
        cls.manager_b = user(
            "crm_rel_acc_manager_b",
            "base.group_user,crm_relationship.group_crm_relationship_manager",
            cls.company_b,
        )
        cls.sales_user = user(
            "crm_rel_acc_sales", "base.group_user,sales_team.group_sale_salesman"
        )
        cls.invoicing_user = user(
            "crm_rel_acc_invoicing", "base.group_user,account.group_account_invoice"
        )
        cls.portal = user("crm_rel_acc_portal", "base.group_portal")
        Partner = cls.env["res.partner"]
        cls.customer = Partner.create({"name": "Figures Ltd", "is_company": True})
        cls.portal.partner_id.parent_id = cls.customer
        cls.customer_b = Partner.create(
            {"name": "B Only Ltd", "is_company": True, "company_id": cls.company_b.id}
        )
        cls.env["crm.relationship.partner.metrics"].create(
            [
                {
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "order_count": 3,
                    "revenue": 1234.0,
                    "margin": 321.0,
                    "first_purchase_date": date(2025, 1, 1),
                    "last_purchase_date": date(2026, 1, 1),
                }
                for partner, company in (
                    (cls.customer, cls.company_a),
                    (cls.customer_b, cls.company_a),
                )
            ]
        )
        cls.Rule = cls.env["crm.relationship.priority.rule"]
        cls.rule_a = cls.Rule.create(
            {
                "name": "A confidential: top buyers",
                "company_id": cls.company_a.id,
                "level": "key",
                "rule_type": "top_percent",
                "metric": "revenue",
                "top_percent": 100,
            }
        )

    def test_value_figures_not_searchable_without_the_group(self):
        for user in (self.sales_user, self.invoicing_user, self.portal):
            Partner = self.env["res.partner"].with_user(user)
            for condition in VALUE_FIELDS:
                with self.assertRaises(AccessError, msg=(user.login, condition)):
                    Partner.search_count([("id", "=", self.customer.id), condition])
            with self.assertRaises(AccessError, msg=user.login):
                Partner.read_group(
                    [], ["relationship_quadrant"], ["relationship_quadrant"]
                )
        SaleOrder = self.env["sale.order"].with_user(self.sales_user)
        for condition in (
            ("partner_id.relationship_revenue", ">", 0),
            ("relationship_segment_ids", "!=", False),
        ):
            with self.assertRaises(AccessError, msg=condition):
                SaleOrder.search_count([condition])
        # the Relationship group searches them
        found = (
            self.env["res.partner"]
            .with_user(self.rel_user)
            .search_count(
                [("id", "=", self.customer.id), ("relationship_revenue", ">", 1000)]
            )
        )
        self.assertEqual(found, 1)

    def test_priority_set_by_managers_only(self):
        manual = {
            "relationship_priority_manual": "key",
            "relationship_priority_reason": "x",
        }
        for user in (self.rel_user, self.sales_user):
            customer = self.customer.with_user(user)
            for vals in (
                manual,
                {"relationship_priority": "key"},
                {"relationship_priority_rule": "key"},
                {"relationship_priority_date_to": "2030-01-01"},
            ):
                with self.assertRaises(AccessError, msg=(user.login, vals)):
                    customer.write(vals)
            with self.assertRaises(AccessError):
                self.env["res.partner"].with_user(user).create(
                    {"name": "Self-made Key", **manual}
                )
        self.assertEqual(self.customer.relationship_priority, "standard")
        self.customer.with_user(self.manager).write(manual)
        self.assertEqual(self.customer.relationship_priority, "key")
        # users still create contacts of a Key customer, and copy it
        contact = (
            self.env["res.partner"]
            .with_user(self.rel_user)
            .create({"name": "New buyer", "parent_id": self.customer.id})
        )
        self.assertEqual(contact.relationship_priority, "key")
        copy = self.customer.with_user(self.rel_user).copy()
        self.assertEqual(copy.relationship_priority, "standard")

    def test_apply_rules_checks_rights(self):
        for user in (self.portal, self.sales_user, self.invoicing_user, self.rel_user):
            with self.assertRaises(AccessError, msg=user.login):
                self.rule_a.with_user(user).action_apply()
        self.assertEqual(self.customer.relationship_priority, "standard")
        with self.assertRaises(AccessError):
            self.rule_a.with_user(self.manager_b).action_apply()
        self.rule_a.with_user(self.manager).action_apply()
        self.assertEqual(self.customer.relationship_priority, "key")

    def test_recompute_checks_rights(self):
        Metrics = self.env["crm.relationship.partner.metrics"]
        for user in (self.portal, self.sales_user, self.rel_user):
            with self.assertRaises(AccessError, msg=user.login):
                Metrics.with_user(user).action_recompute_full()
            with self.assertRaises(AccessError, msg=user.login):
                Metrics.with_user(user).action_recompute_incremental()

    def test_rules_set_levels_of_their_company_only(self):
        self.env.cr.precommit.run()  # close the creation of the fixtures
        self.rule_a.with_user(self.manager).action_apply()
        # a customer of company B is not company A's to rank up
        self.assertEqual(self.customer_b.relationship_priority, "standard")
        # a shared customer gets the level; the note does not name A's rule
        self.assertEqual(self.customer.relationship_priority, "key")
        note = self.customer.message_ids.mapped("body")[0]
        self.assertIn("a priority rule of", note)
        self.assertNotIn("A confidential", note)
        # a customer of company A: the note names the rule
        own = self.env["res.partner"].create(
            {"name": "A Only Ltd", "is_company": True, "company_id": self.company_a.id}
        )
        self.env["crm.relationship.partner.metrics"].create(
            {
                "partner_id": own.id,
                "company_id": self.company_a.id,
                "order_count": 1,
                "revenue": 10.0,
                "margin": 1.0,
            }
        )
        self.rule_a.with_user(self.manager).action_apply()
        self.assertEqual(own.relationship_priority, "key")
        self.assertIn(
            "(rule: A confidential: top buyers)", own.message_ids.mapped("body")[0]
        )
