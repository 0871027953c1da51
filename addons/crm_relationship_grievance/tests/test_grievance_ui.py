# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestGrievancePortalTour(HttpCase):
    def test_portal_user_submits_and_sees_grievance(self):
        company = self.env["res.partner"].create(
            {"name": "Tour Loja Amarela", "is_company": True}
        )
        portal = new_test_user(
            self.env,
            login="grv_tour_portal",
            password="grv_tour_portal",
            groups="base.group_portal",
            name="Tour Paula Amarela",
        )
        portal.partner_id.parent_id = company
        product = self.env["product.product"].create(
            {"name": "Tour Blue Chair", "sale_ok": True}
        )
        self.start_tour(
            "/my/grievances",
            "crm_relationship_grievance_portal_tour",
            login="grv_tour_portal",
        )
        grievance = self.env["crm.relationship.grievance"].search(
            [("name", "=", "Tour: the box was empty")]
        )
        self.assertEqual(len(grievance), 1)
        self.assertEqual(grievance.partner_id, portal.partner_id)
        self.assertEqual(grievance.commercial_partner_id, company)
        self.assertEqual(
            grievance.category_id,
            self.env.ref("crm_relationship_grievance.grievance_category_delivery_late"),
        )
        self.assertEqual(grievance.product_ids, product)
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", grievance._name), ("res_id", "=", grievance.id)]
        )
        self.assertEqual(attachment.name, "empty-box.txt")
        self.assertEqual(attachment.raw, b"The box was empty.")


@tagged("post_install", "-at_install")
class TestGrievanceAnalysisTour(HttpCase):
    def test_user_reads_the_grievance_analysis(self):
        new_test_user(
            self.env,
            login="grv_tour_analyst",
            password="grv_tour_analyst",
            groups="base.group_user,crm_relationship.group_crm_relationship_user",
        )
        category = self.env["crm.relationship.grievance.category"].create(
            {"name": "Tour Analysis"}
        )
        customer = self.env["res.partner"].create({"name": "Tour Loja Roxa"})
        kept, breached, _open = self.env["crm.relationship.grievance"].create(
            [
                {"name": name, "partner_id": customer.id, "category_id": category.id}
                for name in ("Kept", "Breached", "Open")
            ]
        )
        kept.write(
            {
                "resolution": "<p>Replaced.</p>",
                "stage_id": self.env.ref(
                    "crm_relationship_grievance.grievance_stage_closed"
                ).id,
            }
        )
        breached.sla_breach_date = breached.date_received
        self.start_tour(
            "/odoo/action-crm_relationship_grievance.crm_relationship_grievance_report_action",
            "crm_relationship_grievance_analysis_tour",
            login="grv_tour_analyst",
        )
