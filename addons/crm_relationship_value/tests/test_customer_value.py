# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import Form, new_test_user, tagged

from .common import ValueCommon


@tagged("post_install", "-at_install")
class TestCustomerValue(ValueCommon):
    """Metrics from hand-built documents; every expected figure is exact.

    Company currency USD; 1 USD = 2 EUR in 2026. Widget costs 60 in the main
    company and nothing in the other one.
    """

    @freeze_time("2026-07-01")
    def test_sales_orders_metrics(self):
        self._sales_fixture()
        self._recompute()
        self.assertRecordValues(
            self._metrics(self.acme),
            [
                {
                    # 200 + 150 + 400 EUR / 2; the cancelled order is ignored
                    "order_count": 3,
                    "revenue": 550.0,
                    # cost 60 per widget: 200-120, 150-60, 200-60
                    "margin": 310.0,
                    "average_order_value": 183.33,
                    "first_purchase_date": date(2025, 7, 1),
                    "last_purchase_date": date(2026, 6, 1),
                    "recency_days": 30,
                    "tenure_days": 365,
                    "frequency_per_year": 3.0,
                }
            ],
        )
        self.assertRecordValues(
            self._metrics(self.bob),
            [
                {
                    "order_count": 1,
                    "revenue": 100.0,
                    "margin": 40.0,
                    "recency_days": 1,
                    "tenure_days": 1,
                    "frequency_per_year": 1.0,
                }
            ],
        )
        self.assertFalse(self._metrics(self.acme_buyer), "contacts roll up")
        self.assertFalse(self._metrics(self.nosales))
        self.assertRecordValues(
            self._metrics(self.acme, self.other_company),
            [{"order_count": 1, "revenue": 999.0, "margin": 999.0}],
        )

    @freeze_time("2026-07-01")
    def test_partner_shows_figures_of_current_company(self):
        self._sales_fixture()
        self._recompute()
        self.assertEqual(self.acme.relationship_revenue, 550.0)
        self.assertEqual(self.acme_buyer.relationship_revenue, 550.0)
        self.assertEqual(self.acme_buyer.relationship_order_count, 3)
        self.assertEqual(
            self.acme.with_company(self.other_company).relationship_revenue, 999.0
        )
        self.assertFalse(self.nosales.relationship_metrics_id)
        self.assertEqual(self.nosales.relationship_order_count, 0)
        self.assertFalse(self.nosales.relationship_rfm_segment_id)

        Partner = self.env["res.partner"]
        ours = self.acme | self.acme_buyer | self.bob | self.nosales
        self.assertEqual(
            Partner.search([("relationship_revenue", ">", 500)]) & ours,
            self.acme | self.acme_buyer,
        )
        self.assertEqual(
            Partner.search([("relationship_order_count", "=", 1)]) & ours, self.bob
        )
        self.assertEqual(
            Partner.search([("relationship_metrics_id", "=", False)]) & ours,
            self.nosales,
        )
        self.assertEqual(
            Partner.with_company(self.other_company).search(
                [("relationship_revenue", ">", 500)]
            )
            & ours,
            self.acme | self.acme_buyer,
        )

    @freeze_time("2026-07-01")
    def test_other_company_figures_hidden(self):
        self._sales_fixture()
        self._recompute()
        visible = self.Metrics.with_user(self.manager).search(
            [("partner_id", "=", self.acme.id)]
        )
        self.assertEqual(visible.company_id, self.company)
        employee = new_test_user(
            self.env, login="crm_rel_value_employee", groups="base.group_user"
        )
        with self.assertRaises(AccessError):
            self.Metrics.with_user(employee).search([])
        user = new_test_user(
            self.env,
            login="crm_rel_value_user",
            groups="base.group_user,crm_relationship.group_crm_relationship_user",
        )
        with self.assertRaises(AccessError):
            self.Metrics.with_user(user).action_recompute_full()

    @freeze_time("2026-07-01")
    def test_invoices_net_of_credit_notes(self):
        self.company.crm_relationship_value_source = "invoice"
        Move = self.env["account.move"]

        def invoice(
            partner, when, qty, price, move_type="out_invoice", currency=None, post=True
        ):
            move = Move.create(
                {
                    "move_type": move_type,
                    "partner_id": partner.id,
                    "invoice_date": when,
                    "currency_id": (currency or self.usd).id,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": self.product.id,
                                "quantity": qty,
                                "price_unit": price,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
            if post:
                move.action_post()
            return move

        invoice(self.bob, "2026-05-01", 2, 100.0)
        invoice(self.bob, "2026-05-10", 1, 100.0, move_type="out_refund")
        invoice(self.bob, "2026-06-01", 9, 100.0, post=False)
        invoice(self.acme_buyer, "2026-04-01", 1, 400.0, currency=self.eur)
        invoice(self.acme, "2026-06-01", 1, 100.0).button_cancel()
        self._order(self.bob, "2026-06-30", 1, 5000.0)  # orders do not count
        self._recompute()
        self.assertRecordValues(
            self._metrics(self.bob),
            [
                {
                    "order_count": 1,
                    "revenue": 100.0,  # 200 - 100 credited
                    "margin": 40.0,  # (200 - 120) - (100 - 60)
                    "first_purchase_date": date(2026, 5, 1),
                    "last_purchase_date": date(2026, 5, 1),
                    "recency_days": 61,
                }
            ],
        )
        self.assertRecordValues(
            self._metrics(self.acme),
            [{"order_count": 1, "revenue": 200.0, "margin": 140.0}],
        )

    def test_incremental_recompute_only_touches_changed_customers(self):
        with freeze_time("2026-07-01"):
            self._sales_fixture()
            self._recompute()
        acme_row = self._metrics(self.acme)
        # Simulate a stale figure: only a full recompute may repair it
        self.env.cr.execute(
            "UPDATE crm_relationship_partner_metrics SET revenue = 1 WHERE id = %s",
            [acme_row.id],
        )
        self.env.cr.execute("UPDATE sale_order SET write_date = '2026-06-30'")
        self.company.crm_relationship_metrics_watermark = "2026-07-01 00:00:00"
        self.Metrics.invalidate_model()
        with freeze_time("2026-07-02"):
            self._order(self.bob, "2026-07-02", 2, 100.0)
            self.env.ref(
                "crm_relationship_value.ir_cron_recompute_values_incremental"
            ).method_direct_trigger()
        self.assertRecordValues(
            self._metrics(self.bob),
            [{"order_count": 2, "revenue": 300.0, "recency_days": 0}],
        )
        self.assertEqual(acme_row.revenue, 1.0, "unchanged customers are skipped")
        self.assertEqual(acme_row.recency_days, 31, "day-based figures still move")
        with freeze_time("2026-07-02"):
            self.Metrics.with_user(self.manager).action_recompute_full()
        self.assertEqual(acme_row.revenue, 550.0)

    def test_customer_without_orders_left_has_no_figures(self):
        with freeze_time("2026-07-01"):
            order = self._order(self.bob, "2026-06-30", 1, 100.0)
            self._recompute()
            self.assertTrue(self._metrics(self.bob))
            order._action_cancel()
            # In production the cancel commits after the run: its write date
            # is later than the run's watermark. Here both share one transaction.
            self.company.crm_relationship_metrics_watermark = "2026-06-01 00:00:00"
            self._recompute(full=False)
        self.assertFalse(self._metrics(self.bob))

    @freeze_time("2026-07-01")
    def test_source_chosen_in_settings(self):
        self._order(self.bob, "2026-06-30", 1, 100.0)
        self._recompute()
        self.assertTrue(self._metrics(self.bob))
        settings = Form(self.env["res.config.settings"])
        settings.crm_relationship_value_source = "invoice"
        settings.save().execute()
        self.assertEqual(self.company.crm_relationship_value_source, "invoice")
        self.env["res.config.settings"].create(
            {}
        ).action_crm_relationship_recompute_values()
        self.assertFalse(self._metrics(self.bob), "an order is not an invoice")
