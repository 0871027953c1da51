# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""End to end with real data: Olist's low-score reviews become grievances.

The Olist sample (CC BY-NC-SA 4.0, Olist / Kaggle) lives outside the add-on
in ``shared/data``; the test is skipped where it is absent. The figures the
add-on reports are checked against counts computed here, independently, with
the standard library only.
"""

import csv
import gzip
import unittest
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from itertools import pairwise
from pathlib import Path

from odoo.tests import TransactionCase, tagged

DATA_CANDIDATES = [
    # <repository>/../shared/data, where the project keeps its fixtures
    Path(__file__).resolve().parents[4] / "shared" / "data" / "olist_sample",
    Path("/work/shared/data/olist_sample"),
]
DATA = next((p for p in DATA_CANDIDATES if p.is_dir()), None)
REPEAT_DAYS = 90


def read(name):
    with gzip.open(DATA / f"{name}.csv.gz", "rt", encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f)


@tagged("post_install", "-at_install")
class TestGrievanceOlist(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if DATA is None:
            raise unittest.SkipTest("Olist sample data not available")
        cls.env["ir.config_parameter"].sudo().set_param(
            "crm_relationship.grievance_repeat_days", REPEAT_DAYS
        )
        # --- the source rows, independently joined ---------------------
        # Imported in chronological order, as an integrator would
        cls.reviews = sorted(
            (
                r
                for r in read("olist_order_reviews_dataset")
                if int(r["review_score"]) <= 2
            ),
            key=lambda r: r["review_creation_date"],
        )
        english = {
            r["product_category_name"]: r["product_category_name_english"]
            for r in read("product_category_name_translation")
        }
        cls.product_category = {
            r["product_id"]: english.get(
                r["product_category_name"], r["product_category_name"] or "unknown"
            )
            for r in read("olist_products_dataset")
        }
        cls.items = defaultdict(list)  # order -> [(item no, product)]
        for r in read("olist_order_items_dataset"):
            cls.items[r["order_id"]].append((int(r["order_item_id"]), r["product_id"]))
        customer_of_order = {
            r["order_id"]: r["customer_id"] for r in read("olist_orders_dataset")
        }
        person = {
            r["customer_id"]: r["customer_unique_id"]
            for r in read("olist_customers_dataset")
        }
        cls.person_of_order = {o: person[c] for o, c in customer_of_order.items()}

        # --- the import, in batches as an integrator would -------------
        env = cls.env(
            context=dict(
                cls.env.context,
                tracking_disable=True,
                mail_create_nolog=True,
                mail_create_nosubscribe=True,
            )
        )
        product_parent = env.ref("crm_relationship.grievance_category_product")
        names = sorted(
            {cls._category_name(r["order_id"]) for r in cls.reviews} - {None}
        )
        cls.categories = dict(
            zip(
                names,
                env["crm.relationship.grievance.category"].create(
                    [{"name": n, "parent_id": product_parent.id} for n in names]
                ),
                strict=True,
            )
        )
        product_ids = sorted(
            {p for r in cls.reviews for _n, p in cls.items[r["order_id"]]}
        )
        cls.products = dict(
            zip(
                product_ids,
                env["product.product"].create(
                    [
                        {
                            "name": f"{cls.product_category[p]} {p[:8]}",
                            "default_code": p,
                        }
                        for p in product_ids
                    ]
                ),
                strict=True,
            )
        )
        people = sorted({cls.person_of_order[r["order_id"]] for r in cls.reviews})
        cls.partners = dict(
            zip(
                people,
                env["res.partner"].create(
                    [{"name": f"Olist customer {p[:8]}", "ref": p} for p in people]
                ),
                strict=True,
            )
        )
        channel = env.ref("crm_relationship.grievance_channel_web")
        vals_list = []
        for r in cls.reviews:
            category = cls._category_name(r["order_id"])
            vals_list.append(
                {
                    "name": (r["review_comment_title"] or "").strip()
                    or f"Review {r['review_id'][:8]} ({r['review_score']}/5)",
                    "description": r["review_comment_message"],
                    "partner_id": cls.partners[cls.person_of_order[r["order_id"]]].id,
                    "date_received": r["review_creation_date"],
                    "severity": "major" if r["review_score"] == "1" else "moderate",
                    "channel_id": channel.id,
                    "category_id": cls.categories[category].id if category else False,
                    "product_ids": [
                        (
                            6,
                            0,
                            [
                                cls.products[p].id
                                for p in {p for _n, p in cls.items[r["order_id"]]}
                            ],
                        )
                    ],
                }
            )
        Grievance = env["crm.relationship.grievance"]
        cls.grievances = Grievance.browse()
        for start in range(0, len(vals_list), 1000):
            cls.grievances |= Grievance.create(vals_list[start : start + 1000])

    @classmethod
    def _category_name(cls, order_id):
        """Category of the order's first item; None for orders without items."""
        items = sorted(cls.items.get(order_id, []))
        return cls.product_category[items[0][1]] if items else None

    def test_all_low_score_reviews_imported(self):
        self.assertEqual(len(self.reviews), 3020)
        self.assertEqual(len(self.grievances), len(self.reviews))
        self.assertTrue(all(self.grievances.mapped("reference")))
        self.assertTrue(all(self.grievances.mapped("sla_policy_id")))
        self.assertEqual(
            Counter(self.grievances.mapped("priority")),
            Counter("2" if r["review_score"] == "1" else "1" for r in self.reviews),
        )

    def test_counts_by_category(self):
        expected = Counter(
            self._category_name(r["order_id"]) or False for r in self.reviews
        )
        rows = self.env["crm.relationship.grievance"]._read_group(
            [("id", "in", self.grievances.ids)], ["category_id"], ["__count"]
        )
        got = Counter({(c.name if c else False): n for c, n in rows})
        self.assertEqual(got, expected)
        # The parent category rolls its subcategories up
        parent = self.env.ref("crm_relationship.grievance_category_product")
        under_product = self.env["crm.relationship.grievance"].search_count(
            [("id", "in", self.grievances.ids), ("category_id", "child_of", parent.id)]
        )
        self.assertEqual(under_product, sum(n for c, n in expected.items() if c))

    def test_top_products(self):
        expected = Counter()
        for r in self.reviews:
            for product in {p for _n, p in self.items[r["order_id"]]}:
                expected[product] += 1
        rows = self.env["crm.relationship.grievance.product.report"]._read_group(
            [("grievance_id", "in", self.grievances.ids)], ["product_id"], ["__count"]
        )
        got = Counter({p.default_code: n for p, n in rows})
        self.assertEqual(got, expected)
        self.assertEqual(
            [n for _p, n in got.most_common(5)],
            [n for _p, n in expected.most_common(5)],
        )

    def test_repeat_complaints(self):
        groups = defaultdict(list)
        for index, r in enumerate(self.reviews):
            category = self._category_name(r["order_id"])
            if category:
                date = datetime.fromisoformat(r["review_creation_date"])
                groups[(self.person_of_order[r["order_id"]], category)].append(
                    (date, index)
                )
        expected = 0
        for entries in groups.values():
            entries.sort()
            for (previous, _i), (date, _j) in pairwise(entries):
                if previous >= date - timedelta(days=REPEAT_DAYS):
                    expected += 1
        repeats = self.grievances.filtered("repeat_of_id")
        self.assertEqual(len(repeats), expected)
        self.assertTrue(expected, "the sample holds repeat complaints")
        rate = self.env["crm.relationship.grievance"]._read_group(
            [("id", "in", self.grievances.ids)], [], ["repeat_rate:avg"]
        )[0][0]
        self.assertAlmostEqual(rate, 100.0 * expected / len(self.reviews), places=6)
