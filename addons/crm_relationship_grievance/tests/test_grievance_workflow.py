# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import GrievanceCommon


@tagged("post_install", "-at_install")
class TestGrievanceWorkflow(GrievanceCommon):
    """Who handles a new grievance, the Resolve dialog, and what closing
    does to the escalation."""

    def test_responsible_is_the_customers_salesperson(self):
        self.assertEqual(self._grievance().user_id, self.user)

    def test_responsible_falls_back_to_who_records_it(self):
        (self.customer | self.contact).user_id = False
        recorder = new_test_user(
            self.env,
            login="grv_recorder",
            groups="crm_relationship.group_crm_relationship_user",
        )
        grievance = (
            self.env["crm.relationship.grievance"]
            .with_user(recorder)
            .create({"name": "Noisy fridge", "partner_id": self.contact.id})
        )
        self.assertEqual(grievance.user_id, recorder)
        # not the mail gateway (superuser), not a portal user
        self.assertFalse(self._grievance().user_id)

    def test_resolve_dialog_asks_for_the_resolution(self):
        grievance = self._grievance()
        action = grievance.with_user(self.user).action_open_close_wizard()
        self.assertEqual(action["res_model"], "crm.relationship.grievance.close")
        wizard_form = Form(
            self.env[action["res_model"]]
            .with_user(self.user)
            .with_context(**action["context"])
        )
        self.assertEqual(wizard_form.stage_id, self.stage_resolved)
        wizard_form.resolution = "<p>Replaced the parcel.</p>"
        wizard_form.root_cause = "Packed without padding"
        wizard_form.save().action_close()
        self.assertEqual(grievance.stage_id, self.stage_resolved)
        self.assertIn("Replaced the parcel", grievance.resolution)
        self.assertEqual(grievance.root_cause, "Packed without padding")
        self.assertTrue(grievance.date_closed)

    def test_closing_stage_without_resolution_points_to_the_button(self):
        grievance = self._grievance()
        with self.assertRaisesRegex(ValidationError, "Resolve button"):
            grievance.with_user(self.user).stage_id = self.stage_closed

    def test_user_without_email_cannot_send_the_rating_request(self):
        self.user.email = False
        grievance = self._grievance(resolution="<p>Refunded.</p>")
        with self.assertRaisesRegex(UserError, "from your email address"):
            grievance.with_user(self.user).stage_id = self.stage_resolved
        self.assertFalse(grievance.is_closed)
        # a closing stage without a satisfaction request needs no address
        grievance.with_user(self.user).stage_id = self.stage_closed
        self.assertTrue(grievance.is_closed)

    def test_resolving_removes_the_escalation_activities(self):
        with freeze_time("2026-06-08 09:00:00"):
            grievance = self._grievance()
        with freeze_time("2026-06-08 14:00:00"):
            self.env["crm.relationship.grievance"]._cron_escalate_sla()
        self.assertEqual(grievance.activity_ids.user_id, self.leader)
        grievance.with_user(self.user).write(
            {"resolution": "<p>Refunded.</p>", "stage_id": self.stage_resolved.id}
        )
        self.assertFalse(grievance.activity_ids)
        self.assertIn("Escalation to", " ".join(grievance.message_ids.mapped("body")))
