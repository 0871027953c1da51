# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from bisect import bisect_left
from datetime import date, timedelta

from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

TODAY = date(2026, 6, 30)


def quintile(value, values):
    """The quintile score as documented: ceil(5 * p / n), p the first
    position of the value among the sorted values, the best value 5."""
    ordered = sorted(values)
    if value >= ordered[-1]:
        return 5
    position = bisect_left(ordered, value) + 1
    return -(-5 * position // len(ordered))


@tagged("post_install", "-at_install")
class TestRfmScoring(TransactionCase):
    """RFM scores on small and tied customer bases, by quintile and by fixed
    thresholds. Each test writes the figures of its customers straight into
    the metrics table of a company of its own, then scores them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "RFM Scoring Co"})
        cls.Metrics = cls.env["crm.relationship.partner.metrics"]

    def _score(self, figures):
        """``figures``: (days since the last purchase, orders, revenue) per
        customer. Returns the scored rows in the same order."""
        partners = self.env["res.partner"].create(
            [{"name": f"c{i}", "is_company": True} for i in range(len(figures))]
        )
        rows = self.Metrics.create(
            [
                {
                    "partner_id": partner.id,
                    "company_id": self.company.id,
                    "order_count": orders,
                    "revenue": revenue,
                    "margin": 0.0,
                    "first_purchase_date": TODAY - timedelta(days=days),
                    "last_purchase_date": TODAY - timedelta(days=days),
                }
                for partner, (days, orders, revenue) in zip(
                    partners, figures, strict=True
                )
            ]
        )
        self.Metrics._refresh_company(self.company, TODAY, partner_ids=[])
        rows.invalidate_recordset()
        return rows

    def _segment(self, key):
        return self.env.ref(f"crm_relationship_value.rfm_segment_{key}")

    def assertScores(self, rows, scores):
        self.assertEqual(
            [(row.r_score, row.f_score, row.m_score) for row in rows], scores
        )

    def test_one_customer(self):
        rows = self._score([(0, 1, 50.0)])
        self.assertScores(rows, [(5, 5, 5)])
        self.assertEqual(rows.rfm_segment_id, self._segment("champions"))

    def test_two_customers(self):
        rows = self._score([(40, 1, 50.0), (0, 3, 80.0)])
        self.assertScores(rows, [(3, 3, 3), (5, 5, 5)])

    def test_three_customers(self):
        rows = self._score([(40, 1, 50.0), (20, 2, 60.0), (0, 3, 80.0)])
        self.assertScores(rows, [(2, 2, 2), (4, 4, 4), (5, 5, 5)])

    def test_everybody_bought_today(self):
        """Tied at the top: the best value scores 5, never 1."""
        rows = self._score([(0, 1, 100.0)] * 7)
        self.assertScores(rows, [(5, 5, 5)] * 7)
        at_risk = self._segment("at_risk") | self._segment("hibernating")
        self.assertFalse(rows.rfm_segment_id & at_risk)

    def test_ties_at_the_top(self):
        # four customers ordered today, six on other days, older first
        figures = [(60 - 10 * i, 1 + i, 10.0 * (i + 1)) for i in range(6)]
        figures += [(0, 9, 500.0)] * 4
        rows = self._score(figures)
        self.assertEqual(rows.mapped("r_score"), [1, 1, 2, 2, 3, 3, 5, 5, 5, 5])
        self.assertEqual(set(rows[6:].mapped("rfm_score")), {"555"})

    def test_ties_at_the_bottom(self):
        """A crowd of one-order customers shares the lowest score: recent
        ones are New, old ones Lost, not At risk."""
        figures = [(300, 1, 20.0)] * 3 + [(0, 1, 20.0)] * 3
        figures += [(100, 2, 40.0), (50, 3, 60.0), (10, 5, 90.0), (5, 8, 120.0)]
        rows = self._score(figures)
        self.assertEqual(rows.mapped("f_score"), [1] * 6 + [4, 4, 5, 5])
        self.assertEqual(rows.mapped("r_score"), [1, 1, 1, 5, 5, 5, 2, 3, 3, 4])
        self.assertEqual(rows[0].rfm_segment_id, self._segment("lost"))
        self.assertEqual(rows[3].rfm_segment_id, self._segment("new"))

    def test_scores_match_the_documented_rule(self):
        """Many ties of every size: the set-based SQL gives the rule's scores."""
        figures = [(i * 7 % 11, 1 + i % 4, float(i * 13 % 9)) for i in range(23)]
        rows = self._score(figures)
        days, orders, revenues = zip(*figures, strict=True)
        dates = [TODAY - timedelta(days=d) for d in days]
        expected = [
            (quintile(d, dates), quintile(o, orders), quintile(r, revenues))
            for d, o, r in zip(dates, orders, revenues, strict=True)
        ]
        self.assertScores(rows, expected)
        self.assertEqual(rows.mapped("r_grade"), [str(row.r_score) for row in rows])
        self.assertEqual(rows.mapped("f_grade"), [str(row.f_score) for row in rows])

    def test_fixed_thresholds(self):
        self.company.write(
            {
                "crm_relationship_rfm_method": "threshold",
                "crm_relationship_rfm_r5_days": 30,
                "crm_relationship_rfm_r4_days": 90,
                "crm_relationship_rfm_r3_days": 180,
                "crm_relationship_rfm_r2_days": 365,
                "crm_relationship_rfm_f2": 2,
                "crm_relationship_rfm_f3": 3,
                "crm_relationship_rfm_f4": 5,
                "crm_relationship_rfm_f5": 10,
                "crm_relationship_rfm_m2": 100.0,
                "crm_relationship_rfm_m3": 500.0,
                "crm_relationship_rfm_m4": 1000.0,
                "crm_relationship_rfm_m5": 5000.0,
            }
        )
        rows = self._score(
            [
                (30, 10, 5000.0),  # on every threshold
                (31, 9, 4999.99),  # just below
                (90, 5, 1000.0),
                (180, 3, 500.0),
                (365, 2, 100.0),
                (366, 1, 99.0),
            ]
        )
        self.assertScores(
            rows,
            [(5, 5, 5), (4, 4, 4), (4, 4, 4), (3, 3, 3), (2, 2, 2), (1, 1, 1)],
        )
        # a single customer is scored by the thresholds, not ranked
        self.assertEqual(self._score([(400, 1, 10.0)]).rfm_score, "111")

    def test_thresholds_must_rise_with_the_score(self):
        with self.assertRaises(ValidationError):
            self.company.crm_relationship_rfm_r4_days = 20  # under the 5's 30
        with self.assertRaises(ValidationError):
            self.company.crm_relationship_rfm_f2 = 0
        with self.assertRaises(ValidationError):
            self.company.crm_relationship_rfm_m5 = 2500.0

    def test_grid_headers_read_well(self):
        self._score([(40, 1, 50.0), (20, 2, 60.0), (0, 3, 80.0)])
        groups = self.Metrics.with_company(self.company).read_group(
            [("company_id", "=", self.company.id)], ["revenue:sum"], ["r_grade"]
        )
        labels = dict(self.Metrics._fields["r_grade"].selection)
        self.assertEqual(
            [labels[group["r_grade"]] for group in groups],
            ["2 - long ago", "4 - recent", "5 - most recent"],
        )
