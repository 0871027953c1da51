# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.tests import tagged

from .common import GrievanceCommon


@tagged("post_install", "-at_install")
class TestGrievanceReport(GrievanceCommon):
    """Each analysis measure averages only the grievances it applies to."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        late, billing = (
            cls.category_late,
            cls.env.ref("crm_relationship_grievance.grievance_category_billing"),
        )
        with freeze_time("2026-06-08 09:00:00"):  # a Monday
            cls.kept = cls._grievance(
                category_id=late.id, date_first_response="2026-06-08 11:00:00"
            )
            cls.breached = cls._grievance(
                category_id=billing.id, date_first_response="2026-06-08 13:00:00"
            )
        with freeze_time("2026-06-08 19:00:00"):
            cls.kept.write(
                {"resolution": "<p>Refunded.</p>", "stage_id": cls.stage_resolved.id}
            )
        with freeze_time("2026-06-10 09:30:00"):
            cls.unanswered = cls._grievance(category_id=late.id)
        with freeze_time("2026-06-10 10:00:00"):  # resolution due Wed 09:00
            cls.env["crm.relationship.grievance"]._cron_escalate_sla()
        token = cls.kept._rating_get_access_token()
        cls.kept.rating_apply(4, token=token)
        cls.grievances = cls.kept | cls.unanswered | cls.breached

    def _figures(self, *aggregates):
        self.env.flush_all()
        Report = self.env["crm.relationship.grievance.report"]
        return Report._read_group(
            [("grievance_id", "in", self.grievances.ids)], [], list(aggregates)
        )[0]

    def test_open_grievances_do_not_count_as_fast_or_compliant(self):
        self.assertEqual(self.unanswered.sla_status, "on_track")
        self.assertEqual(self.breached.sla_status, "breached")
        first, resolution, compliance, repeat, satisfaction, count = self._figures(
            "first_response_hours:avg",
            "resolution_hours:avg",
            "sla_compliance:avg",
            "repeat_rate:avg",
            "satisfaction:avg",
            "__count",
        )
        self.assertEqual(count, 3)
        self.assertAlmostEqual(first, 3.0, msg="2 h and 4 h; the unanswered left out")
        self.assertAlmostEqual(resolution, 10.0, msg="only the closed one")
        self.assertAlmostEqual(compliance, 50.0, msg="open one left out")
        self.assertAlmostEqual(repeat, 100.0 / 3)
        self.assertAlmostEqual(satisfaction, 4.0, msg="unrated left out")

    def test_grouped_by_category(self):
        self.env.flush_all()
        groups = self.env["crm.relationship.grievance.report"]._read_group(
            [("grievance_id", "in", self.grievances.ids)],
            ["category_id"],
            ["__count", "sla_compliance:avg"],
        )
        by_category = {category: (n, rate) for category, n, rate in groups}
        self.assertEqual(by_category[self.category_late], (2, 100.0))
        self.assertEqual(
            by_category[
                self.env.ref("crm_relationship_grievance.grievance_category_billing")
            ],
            (1, 0.0),
        )
