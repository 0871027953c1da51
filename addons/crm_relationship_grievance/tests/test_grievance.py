# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from ..models.crm_relationship_grievance import derive_priority
from .common import GrievanceCommon


@tagged("post_install", "-at_install")
class TestGrievance(GrievanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create(
            {"name": "Cadeira Azul", "list_price": 100.0}
        )

    def test_priority_from_severity_and_customer_level(self):
        self.assertEqual(derive_priority("minor"), "0")
        self.assertEqual(derive_priority("moderate"), "1")
        self.assertEqual(derive_priority("moderate", "priority"), "2")
        self.assertEqual(derive_priority("major", "key"), "3")
        self.assertEqual(derive_priority("critical", "key"), "3", "capped")

    def test_form_defaults_and_responsible(self):
        form = Form(self.env["crm.relationship.grievance"].with_user(self.user))
        form.name = "Wrong colour"
        form.partner_id = self.contact
        form.severity = "minor"
        grievance = form.save()
        self.assertRecordValues(
            grievance,
            [
                {
                    "commercial_partner_id": self.customer.id,
                    "user_id": self.user.id,
                    "team_id": self.team.id,
                    "stage_id": self.stage_new.id,
                    "email_from": "rita@lojaazul.example.com",
                    "priority": "0",
                    "sla_policy_id": self.sla_standard.id,
                }
            ],
        )
        self.assertTrue(grievance.reference.startswith("GRV/"))
        self.assertIn(self.contact, grievance.message_partner_ids)

    def test_responsible_from_contact_when_company_has_no_salesperson(self):
        self.customer.user_id = False
        self.contact.user_id = self.manager
        self.assertEqual(self._grievance().user_id, self.manager)
        self.customer.user_id = self.user
        self.assertEqual(self._grievance().user_id, self.user, "company first")

    def test_no_closed_grievance_without_resolution(self):
        with self.assertRaises(ValidationError):
            self._grievance(stage_id=self.stage_closed.id)
        grievance = self._grievance(
            stage_id=self.stage_closed.id, resolution="<p>Refunded.</p>"
        )
        self.assertTrue(grievance.date_closed)
        with self.assertRaises(ValidationError):
            grievance.resolution = "<p><br></p>"

    def test_only_managers_override_priority(self):
        grievance = self._grievance()
        with self.assertRaises(AccessError):
            grievance.with_user(self.user).write({"priority_override": "3"})
        grievance.with_user(self.manager).write({"priority_override": "3"})
        self.assertEqual(grievance.priority, "3")
        self.assertEqual(grievance.sla_policy_id, self.sla_urgent)
        grievance.with_user(self.manager).write({"priority_override": False})
        self.assertEqual(grievance.priority, "1")

    def test_closing_requires_a_resolution_and_asks_for_a_rating(self):
        grievance = self._grievance().with_user(self.user)
        with self.assertRaises(UserError):
            grievance.stage_id = self.stage_resolved
        grievance.write(
            {
                "resolution": "<p>Replaced the chair.</p>",
                "root_cause": "Carrier dropped the parcel",
            }
        )
        grievance.stage_id = self.stage_resolved
        self.assertTrue(grievance.is_closed)
        self.assertTrue(grievance.date_closed)
        self.assertFalse(grievance.sla_deadline, "no running deadline once closed")
        self.assertTrue(grievance.sudo().rating_ids, "a rating was requested")
        self.assertTrue(
            grievance.message_ids.filtered(
                lambda m: "how did we handle" in (m.subject or "")
            ),
        )
        # The customer answers through the rating link
        grievance.sudo().rating_apply(
            5, token=grievance.sudo().rating_ids[0].access_token
        )
        self.assertEqual(grievance.sudo().rating_last_value, 5)

    def test_customer_reply_reopens_within_window(self):
        with freeze_time("2026-06-01 10:00:00"):
            grievance = self._grievance(resolution="<p>Refunded</p>")
            grievance.stage_id = self.stage_resolved
        with freeze_time("2026-06-05 10:00:00"):
            self._post(grievance, "It broke again", self.contact)
        self.assertEqual(grievance.stage_id, self.stage_new)
        self.assertFalse(grievance.date_closed)
        self.assertEqual(grievance.reopen_count, 1)

        with freeze_time("2026-06-06 10:00:00"):
            grievance.stage_id = self.stage_closed
        with freeze_time("2026-07-30 10:00:00"):
            self._post(grievance, "Thanks again", self.contact)
        self.assertEqual(grievance.stage_id, self.stage_closed, "window is over")

    def test_customer_reply_resumes_a_paused_grievance(self):
        grievance = self._grievance()
        grievance.action_pause_for_customer()
        self.assertEqual(grievance.stage_id, self.stage_waiting)
        self.assertTrue(grievance.sla_paused_since)
        self._post(grievance, "Here is the photo", self.contact)
        self.assertEqual(grievance.stage_id, self.stage_new)
        self.assertFalse(grievance.sla_paused_since)

    def test_first_response_is_the_first_public_answer(self):
        grievance = self._grievance()
        self._post(
            grievance, "internal note", self.user.partner_id, subtype="mail.mt_note"
        )
        self.assertFalse(grievance.date_first_response)
        with freeze_time("2026-06-08 10:00:00"):
            self._post(grievance, "We are on it", self.user.partner_id)
        self.assertTrue(grievance.date_first_response)
        self.assertEqual(grievance.sla_deadline, grievance.resolution_deadline)

    def test_repeat_complaints(self):
        with freeze_time("2026-01-10"):
            first = self._grievance(category_id=self.category_late.id)
        with freeze_time("2026-03-01"):
            second = self._grievance(category_id=self.category_late.id)
            other_category = self._grievance(category_id=self.category_delivery.id)
        with freeze_time("2026-09-01"):
            late = self._grievance(category_id=self.category_late.id)
        self.assertFalse(first.repeat_of_id)
        self.assertEqual(second.repeat_of_id, first)
        self.env.flush_all()
        report = self.env["crm.relationship.grievance.report"].browse(second.id)
        self.assertEqual(report.repeat_rate, 100.0)
        self.assertFalse(other_category.repeat_of_id)
        self.assertFalse(late.repeat_of_id, "outside the 90-day window")

    def test_repeat_redetected_when_category_or_customer_change(self):
        with freeze_time("2026-05-01"):
            first = self._grievance(category_id=self.category_late.id)
        with freeze_time("2026-05-10"):
            second = self._grievance(category_id=self.category_delivery.id)
        self.assertFalse(second.repeat_of_id)
        second.category_id = self.category_late
        self.assertEqual(second.repeat_of_id, first)
        other = self.env["res.partner"].create({"name": "Outra Loja"})
        first.partner_id = other
        self.assertFalse(second.repeat_of_id, "its earlier one moved away")
        first.write({"partner_id": self.contact.id, "date_received": "2026-05-20"})
        self.assertEqual(first.repeat_of_id, second, "now the later one")
        self.assertFalse(second.repeat_of_id)

    def test_repeat_detection_in_one_batch(self):
        grievances = self.env["crm.relationship.grievance"].create(
            [
                {
                    "name": f"Late {day}",
                    "partner_id": self.contact.id,
                    "category_id": self.category_late.id,
                    "date_received": f"2026-05-0{day} 10:00:00",
                }
                for day in (1, 2, 3)
            ]
        )
        self.assertEqual(
            grievances.mapped("repeat_of_id"), grievances[0] | grievances[1]
        )

    def test_employee_without_group_has_no_access(self):
        employee = self.env["res.users"].create(
            {
                "name": "Plain",
                "login": "grv_plain",
                "groups_id": [(6, 0, [self.env.ref("base.group_user").id])],
            }
        )
        self._grievance()
        with self.assertRaises(AccessError):
            self.env["crm.relationship.grievance"].with_user(employee).search([])

    def test_user_cannot_delete_manager_can(self):
        grievance = self._grievance()
        with self.assertRaises(AccessError):
            grievance.with_user(self.user).unlink()
        grievance.with_user(self.manager).unlink()

    def test_multi_company_isolation(self):
        other_company = self.env["res.company"].create({"name": "Other Co"})
        foreign = self._grievance(company_id=other_company.id, partner_id=False)
        visible = (
            self.env["crm.relationship.grievance"]
            .with_user(self.manager)
            .search([("id", "=", foreign.id)])
        )
        self.assertFalse(visible)

    def test_settings(self):
        settings = Form(self.env["res.config.settings"])
        settings.crm_relationship_grievance_reopen_days = 3
        settings.crm_relationship_grievance_repeat_days = 30
        settings.crm_relationship_grievance_alias = "queixas"
        settings.save().execute()
        params = self.env["ir.config_parameter"].sudo()
        self.assertEqual(
            params.get_param("crm_relationship.grievance_reopen_days"), "3"
        )
        self.assertEqual(
            params.get_param("crm_relationship.grievance_repeat_days"), "30"
        )
        alias = self.env.ref("crm_relationship_grievance.mail_alias_grievance")
        self.assertEqual(alias.alias_name, "queixas")
        with freeze_time("2026-06-01 10:00:00"):
            grievance = self._grievance(resolution="<p>Refunded</p>")
            grievance.stage_id = self.stage_resolved
        with freeze_time("2026-06-05 10:00:00"):
            self._post(grievance, "Still broken", self.contact)
        self.assertTrue(grievance.is_closed, "4 days: past the 3-day window")
