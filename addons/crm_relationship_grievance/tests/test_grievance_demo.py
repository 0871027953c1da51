# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest import SkipTest

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestGrievanceDemo(TransactionCase):
    """The demo grievances cover every stage and the SLA situations a user
    should meet: on track, breached, waiting on the customer, closed late,
    rated."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        module = cls.env["ir.module.module"].search(
            [("name", "=", "crm_relationship_grievance")]
        )
        if not module.demo:
            raise SkipTest("installed without demo data")
        data = cls.env["ir.model.data"].search(
            [
                ("module", "=", "crm_relationship_grievance"),
                ("model", "=", "crm.relationship.grievance"),
            ]
        )
        cls.grievances = cls.env["crm.relationship.grievance"].browse(
            data.mapped("res_id")
        )

    def test_every_stage_and_sla_status(self):
        self.assertGreaterEqual(len(self.grievances), 50)
        stages = self.env["crm.relationship.grievance.stage"].search([])
        self.assertEqual(self.grievances.stage_id, stages)
        open_ = self.grievances.filtered(lambda g: not g.is_closed)
        statuses = set(open_.mapped("sla_status"))
        self.assertIn("on_track", statuses)
        self.assertIn("breached", statuses)
        waiting = self.grievances.filtered("stage_id.pause_sla")
        self.assertTrue(waiting)
        self.assertTrue(all(waiting.mapped("sla_paused_since")))
        closed = self.grievances.filtered("is_closed")
        self.assertTrue(all(closed.mapped("date_closed")))
        self.assertIn("breached", closed.mapped("sla_status"), "closed late")
        self.assertIn("on_track", closed.mapped("sla_status"), "closed in time")
        self.assertTrue(self.grievances.filtered("repeat_of_id"))

    def test_ratings_on_closed_grievances(self):
        ratings = self.env["rating.rating"].search(
            [
                ("res_model", "=", "crm.relationship.grievance"),
                ("res_id", "in", self.grievances.ids),
            ]
        )
        self.assertGreaterEqual(len(ratings), 10)
        rated = self.grievances.browse(ratings.mapped("res_id"))
        self.assertTrue(all(rated.mapped("is_closed")))
        self.assertEqual(set(ratings.mapped("rating")), {1.0, 3.0, 5.0})
