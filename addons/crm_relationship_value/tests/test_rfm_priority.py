# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.tests import Form, TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestRfmAndPriority(TransactionCase):
    """Scores, segments, quadrants and priority on ten hand-made customers.

    The figures are written straight into the metrics table of a company of
    their own, so every rank is known: p1 is the oldest and smallest customer,
    p10 the most recent and largest; six customers tie on one order.
    """

    ORDERS = [1, 1, 1, 1, 1, 1, 2, 2, 3, 5]
    MARGINS = [80, 10, 15, 20, 25, 30, 35, 40, 45, 50]

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create(
            {
                "name": "RFM Co",
                "crm_relationship_loyal_frequency": 2.0,
                "crm_relationship_loyal_tenure_days": 365,
                "crm_relationship_profitable_margin": 50.0,
            }
        )
        cls.manager = new_test_user(
            cls.env,
            login="crm_rel_rfm_manager",
            groups="base.group_user,crm_relationship.group_crm_relationship_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        Partner = cls.env["res.partner"]
        cls.customers = Partner.create(
            [{"name": f"p{i}", "is_company": True} for i in range(1, 11)]
        )
        cls.refund_only = Partner.create({"name": "Refund only"})
        cls.contact = Partner.create(
            {"name": "p10 contact", "parent_id": cls.customers[9].id}
        )
        Metrics = cls.env["crm.relationship.partner.metrics"]
        vals = []
        for i, partner in enumerate(cls.customers):
            last = date(2026, 1, i + 1)
            vals.append(
                {
                    "partner_id": partner.id,
                    "company_id": cls.company.id,
                    "order_count": cls.ORDERS[i],
                    "revenue": 10.0 * (i + 1),
                    "margin": cls.MARGINS[i],
                    "first_purchase_date": date(2025, 1, 1) if i >= 6 else last,
                    "last_purchase_date": last,
                }
            )
        vals.append(
            {
                "partner_id": cls.refund_only.id,
                "company_id": cls.company.id,
                "order_count": 0,
                "revenue": -10.0,
                "margin": -4.0,
            }
        )
        cls.rows = Metrics.create(vals)
        with freeze_time("2026-02-01"):
            # No document changed: score the figures written above
            Metrics._refresh_company(cls.company, date(2026, 2, 1), partner_ids=[])
        cls.rows.invalidate_recordset()

    def _segment(self, xmlid):
        return self.env.ref(f"crm_relationship_value.rfm_segment_{xmlid}")

    def test_quintile_scores_with_ties(self):
        self.assertEqual(
            self.rows[:10].mapped("r_score"), [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
        )
        self.assertEqual(
            self.rows[:10].mapped("m_score"), [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
        )
        # The six single-order customers span three quintiles: all get 1
        self.assertEqual(
            self.rows[:10].mapped("f_score"), [1, 1, 1, 1, 1, 1, 4, 4, 5, 5]
        )
        self.assertEqual(self.rows[9].rfm_score, "555")
        self.assertRecordValues(
            self.rows[10],
            [{"r_score": 0, "f_score": 0, "rfm_score": False, "rfm_segment_id": False}],
        )

    def test_named_segments(self):
        expected = [
            "lost",
            "lost",
            "hibernating",
            "hibernating",
            "about_to_sleep",
            "about_to_sleep",
            "loyal",
            "loyal",
            "champions",
            "champions",
        ]
        self.assertEqual(
            self.rows[:10].mapped("rfm_segment_id"),
            self.env["crm.relationship.rfm.segment"].concat(
                *(self._segment(key) for key in expected)
            ),
        )

    def test_segment_mapping_editable(self):
        champions = self._segment("champions")
        self.assertEqual(champions.with_company(self.company).customer_count, 2)
        champions.with_user(self.manager).frequency_min = 5
        self.assertEqual(champions.frequency_min, 5)
        with self.assertRaises(ValidationError):
            champions.with_user(self.manager).recency_max = 6

    def _rescore(self, removed=()):
        """An incremental run whose scope is ``removed``: customers without
        any document there, whose rows go."""
        self.env["crm.relationship.partner.metrics"]._refresh_company(
            self.company, date(2026, 2, 1), partner_ids=list(removed)
        )
        self.rows.invalidate_recordset()

    def test_moved_border_rescores_untouched_customers(self):
        before = self.rows[:9].mapped("computed_at")
        self._rescore(removed=self.customers[9].ids)
        self.assertFalse(self.rows[9].exists())
        # nine customers left: p2, p4, p6 and p8 rise one quintile
        self.assertEqual(self.rows[:9].mapped("m_score"), [1, 2, 2, 3, 3, 4, 4, 5, 5])
        self.assertEqual(self.rows[7].rfm_score, "545")
        self.assertEqual(self.rows[:9].mapped("computed_at"), before)

    def test_edited_mapping_and_thresholds_apply_without_new_documents(self):
        self._segment("loyal").with_user(self.manager).write(
            {"sequence": 5, "recency_max": 5}
        )
        self.company.crm_relationship_profitable_margin = 40.0
        self._rescore()
        self.assertEqual(
            self.rows[8:10].mapped("rfm_segment_id"), self._segment("loyal")
        )
        # p8: margin 40, 1.84 orders a year -> now profitable, still not loyal
        self.assertEqual(self.rows[7].quadrant, "butterfly")

    def test_quadrants(self):
        # p1: margin 80, one order  -> profitable, not loyal
        # p9: 3 orders over 396 days = 2.77 a year, margin 45 -> loyal only
        # p10: 5 orders -> 4.61 a year, margin 50 -> both
        self.assertRecordValues(
            self.rows[0] | self.rows[1] | self.rows[8] | self.rows[9],
            [
                {"quadrant": "butterfly", "frequency_per_year": 1.0},
                {"quadrant": "stranger", "frequency_per_year": 1.0},
                {"quadrant": "barnacle", "frequency_per_year": 2.77},
                {"quadrant": "true_friend", "frequency_per_year": 4.61},
            ],
        )
        self.assertEqual(self.rows[9].tenure_days, 396)
        self.assertEqual(self.rows[9].recency_days, 22)

    def _rules(self):
        Rule = self.env["crm.relationship.priority.rule"].with_user(self.manager)
        with Form(Rule) as rule:
            rule.name = "Top 30% by revenue"
            rule.level = "priority"
            rule.rule_type = "top_percent"
            rule.metric = "revenue"
            rule.top_percent = 30
        with Form(Rule) as rule:
            rule.name = "True friends"
            rule.level = "key"
            rule.rule_type = "quadrant"
            rule.quadrant = "true_friend"
        with Form(Rule) as rule:
            rule.name = "Lost"
            rule.level = "priority"
            rule.rule_type = "rfm_segment"
            rule.rfm_segment_ids.add(self._segment("lost"))
        self.env["res.partner"]._relationship_apply_priority_rules()

    def test_priority_from_rules(self):
        self.env.cr.precommit.run()  # close the creation of the fixtures
        self._rules()
        self.assertEqual(
            self.customers.mapped("relationship_priority"),
            ["priority", "priority"] + ["standard"] * 5 + ["priority"] * 2 + ["key"],
        )
        self.assertEqual(self.contact.relationship_priority, "key", "contacts follow")
        self.assertFalse(self.refund_only.relationship_priority != "standard")
        # The change is in the customer's chatter; a shared customer is seen
        # by every company, so the note names the rule's company, not the rule
        self.assertIn(
            "Customer priority: Standard → Key (a priority rule of RFM Co)",
            self.customers[9].message_ids.mapped("body")[0],
        )
        # A customer no longer matching goes back to standard
        self.rows[0].rfm_segment_id = self._segment("champions")
        self.env["res.partner"]._relationship_apply_priority_rules()
        self.assertEqual(self.customers[0].relationship_priority, "standard")
        self.assertIn(
            "Customer priority: Priority → Standard "
            "(no priority rule matches any more)",
            self.customers[0].message_ids.mapped("body")[0],
        )

    def test_manual_priority_with_validity(self):
        self.env.cr.precommit.run()  # close the creation of the fixtures
        customer = self.customers[3]
        without_reason = self.env["res.partner"].new(
            {"name": "x", "relationship_priority_manual": "key"}
        )
        with self.assertRaises(ValidationError):
            without_reason._check_relationship_priority_reason()
        with (
            freeze_time("2026-02-01"),
            Form(customer.with_user(self.manager)) as form,
        ):
            form.relationship_priority_manual = "key"
            form.relationship_priority_reason = "Strategic account"
            form.relationship_priority_date_to = date(2026, 2, 10)
        self.assertEqual(customer.relationship_priority, "key")
        with freeze_time("2026-02-05"):
            self._rules()
        self.assertEqual(customer.relationship_priority, "key", "manual wins")
        cron = self.env.ref("crm_relationship_value.ir_cron_priority_validity")
        with freeze_time("2026-02-10"):
            cron.method_direct_trigger()
        self.assertEqual(customer.relationship_priority, "key")
        with freeze_time("2026-02-11"):
            cron.method_direct_trigger()
        self.assertEqual(customer.relationship_priority, "standard")
        self.env.cr.precommit.run()
        bodies = customer.message_ids.tracking_value_ids.mapped("new_value_char")
        self.assertIn("Strategic account", bodies)

    def test_priority_customers_first_on_sales_orders(self):
        """Odoo's order of the sales lists is kept; Key customers come first
        in the Customer Priority group-by, and the filter keeps Priority and
        Key customers."""
        self._rules()
        SaleOrder = self.env["sale.order"].with_company(self.company)
        orders = SaleOrder.create(
            [
                {"partner_id": self.customers[0].id},
                {"partner_id": self.customers[4].id},
                {"partner_id": self.contact.id},
            ]
        )
        self.assertEqual(
            orders.mapped("relationship_priority"), ["priority", "standard", "key"]
        )
        view = self.env.ref("sale.view_order_tree")
        arch = SaleOrder.get_views([(view.id, "list")])["views"]["list"]["arch"]
        self.assertNotIn("default_order", arch)
        self.assertIn("relationship_priority in (False, 'standard')", arch)
        groups = SaleOrder._read_group(
            [("id", "in", orders.ids)], ["relationship_priority"], ["__count"]
        )
        self.assertEqual(
            [level for level, _count in groups], ["key", "priority", "standard"]
        )
        search = SaleOrder.get_views([(False, "search")])["views"]["search"]["arch"]
        self.assertIn("group_by_relationship_priority", search)
        self.assertEqual(
            SaleOrder.search(
                [
                    ("id", "in", orders.ids),
                    ("relationship_priority", "in", ("priority", "key")),
                ]
            ),
            orders[0] | orders[2],
        )
