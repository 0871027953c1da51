# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, timedelta

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestQuadrantThreshold(TransactionCase):
    """Loyalty compares the exact orders per year with the threshold; the
    stored figure is rounded to two decimals for display only."""

    TODAY = date(2026, 2, 1)

    def _quadrant(self, loyal_frequency, orders, tenure_days):
        company = self.env["res.company"].create(
            {
                "name": f"Threshold {loyal_frequency}",
                "crm_relationship_loyal_frequency": loyal_frequency,
                "crm_relationship_loyal_tenure_days": 0,
                "crm_relationship_profitable_margin": 1000.0,
            }
        )
        partner = self.env["res.partner"].create({"name": "Almost loyal"})
        Metrics = self.env["crm.relationship.partner.metrics"]
        row = Metrics.create(
            {
                "partner_id": partner.id,
                "company_id": company.id,
                "order_count": orders,
                "revenue": 100.0,
                "margin": 10.0,
                "first_purchase_date": self.TODAY - timedelta(days=tenure_days),
                "last_purchase_date": self.TODAY - timedelta(days=1),
            }
        )
        Metrics._refresh_company(company, self.TODAY, partner_ids=[])
        row.invalidate_recordset()
        return row

    def test_just_below_half_an_order_a_year_is_not_loyal(self):
        # 8 * 365 / 5841 = 0.49991 orders a year, shown as 0.5
        row = self._quadrant(0.5, 8, 5841)
        self.assertEqual(row.frequency_per_year, 0.5)
        self.assertEqual(row.quadrant, "stranger")

    def test_just_below_four_orders_a_year_is_not_loyal(self):
        # 12 * 365 / 1096 = 3.996 orders a year, shown as 4.0
        row = self._quadrant(4.0, 12, 1096)
        self.assertEqual(row.frequency_per_year, 4.0)
        self.assertEqual(row.quadrant, "stranger")

    def test_at_the_threshold_is_loyal(self):
        # 4 * 365 / 730 = 2 orders a year exactly
        row = self._quadrant(2.0, 4, 730)
        self.assertEqual(row.quadrant, "barnacle")
