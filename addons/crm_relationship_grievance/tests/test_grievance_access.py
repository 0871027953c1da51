# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.http import Request
from odoo.tests import new_test_user, tagged

from .common import GrievanceCommon, GrievancePortalCommon

# Fields the portal must not read: handling and SLA of the grievance.
BACKEND_ONLY = [
    "root_cause",
    "user_id",
    "team_id",
    "severity",
    "priority",
    "sla_policy_id",
    "first_response_deadline",
    "resolution_deadline",
    "sla_deadline",
    "sla_at_risk_date",
    "sla_status",
    "sla_breach_date",
    "sla_paused_since",
    "sla_paused_hours",
    "repeat_of_id",
    "reopen_count",
]


@tagged("post_install", "-at_install")
class TestGrievanceAccess(GrievanceCommon):
    """What a Relationship User may change on a grievance, and what is left
    to managers and to the application."""

    def setUp(self):
        super().setUp()
        self.grievance = self._grievance(date_received="2026-06-08 09:00:00")

    def test_user_cannot_set_the_priority(self):
        for user in (self.user, self.manager):
            with self.assertRaises(AccessError):
                self.grievance.with_user(user).write({"priority": "3"})
        self.assertEqual(self.grievance.priority, "1")
        self.assertEqual(self.grievance.sla_policy_id, self.sla_standard)
        # the manager's way: the override
        self.grievance.with_user(self.manager).priority_override = "3"
        self.assertEqual(self.grievance.sla_policy_id, self.sla_urgent)

    def test_user_cannot_hide_a_breach(self):
        self.env["crm.relationship.grievance"]._cron_escalate_sla()
        breach = self.grievance.sla_breach_date
        self.assertEqual(self.grievance.sla_status, "breached")
        forged = {
            "sla_deadline": "2099-01-01 00:00:00",
            "sla_status": "on_track",
            "sla_breach_date": False,
        }
        for name, value in forged.items():
            with self.assertRaises(AccessError):
                self.grievance.with_user(self.user).write({name: value})
        for name in ("date_first_response", "sla_paused_hours", "date_closed"):
            with self.assertRaises(AccessError):
                self.grievance.with_user(self.user).write(
                    {name: "2026-06-08 09:30:00" if "date" in name else 40.0}
                )
        with self.assertRaises(AccessError):
            self._grievance_as(self.user, sla_breach_date=False, sla_status="on_track")
        self.assertEqual(self.grievance.sla_breach_date, breach)
        self.assertEqual(self.grievance.sla_status, "breached")
        # a manager may correct the record
        self.grievance.with_user(self.manager).write({"sla_breach_date": False})
        self.assertFalse(self.grievance.sla_breach_date)

    def test_user_keeps_the_workflow(self):
        """The stage changes a user makes still move the SLA clock."""
        grievance = self.grievance.with_user(self.user)
        grievance.action_pause_for_customer()
        self.assertTrue(self.grievance.sla_paused_since)
        grievance.stage_id = self.stage_progress
        self.assertFalse(self.grievance.sla_paused_since)
        grievance.write({"stage_id": self.stage_closed.id, "resolution": "Refund"})
        self.assertTrue(self.grievance.date_closed)
        grievance.stage_id = self.stage_progress
        self.assertEqual(self.grievance.reopen_count, 1)

    def test_public_actions_check_rights(self):
        employee = new_test_user(
            self.env, login="grv_plain_employee", groups="base.group_user"
        )
        portal = new_test_user(
            self.env, login="grv_portal_x", groups="base.group_portal"
        )
        for user in (employee, portal):
            with self.assertRaises(AccessError):
                self.grievance.with_user(user).action_pause_for_customer()
        self.assertFalse(self.grievance.sla_paused_since)

    def _grievance_as(self, user, **values):
        values.setdefault("name", "Forged")
        values.setdefault("partner_id", self.contact.id)
        return self.env["crm.relationship.grievance"].with_user(user).create(values)


@tagged("post_install", "-at_install")
class TestGrievancePortalAccess(GrievancePortalCommon):
    """Portal users read what the portal pages show, over RPC too; only
    those who may submit a grievance get one from the portal form."""

    def test_portal_cannot_read_backend_fields(self):
        grievance = self.grievance_a.with_user(self.portal_a)
        self.assertEqual(grievance.read(["name"])[0]["name"], "Verde: missing screws")
        for name in BACKEND_ONLY:
            with self.assertRaises(AccessError, msg=name):
                grievance.read([name])
        with self.assertRaises(AccessError):
            grievance.search_count([("sla_status", "=", "breached")])
        employee_fields = grievance.with_user(self.env.ref("base.user_admin"))
        self.assertTrue(employee_fields.read(["severity"])[0]["severity"])
        # the customer still writes in the chatter; it is not an answer
        self.grievance_a.with_user(self.portal_a2).message_post(
            body="Photo of the box attached",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertFalse(self.grievance_a.date_first_response)

    def test_portal_pages_still_render(self):
        self.grievance_a.user_id = self.env.ref("base.user_admin")
        self.authenticate("grv_portal_a", "grv_portal_a")
        listing = self.url_open("/my/grievances")
        self.assertIn("Verde: missing screws", listing.text)
        detail = self.url_open(f"/my/grievances/{self.grievance_a.id}")
        self.assertEqual(detail.status_code, 200)
        self.assertIn("Handled by", detail.text)

    def test_first_response_from_the_chatter_over_http(self):
        """The chatter posts as sudo: the employee's answer still counts, the
        customer's message does not."""
        new_test_user(
            self.env,
            login="grv_http_agent",
            password="grv_http_agent",
            groups="base.group_user,crm_relationship.group_crm_relationship_user",
        )
        post = {
            "body": "Thanks, we look into it",
            "message_type": "comment",
            "subtype_xmlid": "mail.mt_comment",
        }
        route = "/mail/message/post"
        for login in ("grv_portal_a2", "grv_http_agent"):
            self.authenticate(login, login)
            self.make_jsonrpc_request(
                route,
                {
                    "thread_model": "crm.relationship.grievance",
                    "thread_id": self.grievance_a.id,
                    "post_data": post,
                },
            )
            self.grievance_a.invalidate_recordset(["date_first_response"])
            if login == "grv_portal_a2":
                self.assertFalse(self.grievance_a.date_first_response)
        self.assertTrue(self.grievance_a.date_first_response)

    def _post_form(self, name):
        return self.url_open(
            "/my/grievances/new",
            data={
                "name": name,
                "description": "Posted from the portal form",
                "csrf_token": Request.csrf_token(self),
            },
        )

    def test_portal_form_refuses_users_without_the_right(self):
        new_test_user(
            self.env,
            login="grv_employee_only",
            password="grv_employee_only",
            groups="base.group_user",
        )
        Grievance = self.env["crm.relationship.grievance"]
        self.authenticate("grv_employee_only", "grv_employee_only")
        form = self.url_open("/my/grievances/new")
        self.assertNotIn('name="description"', form.text)
        self._post_form("Sales user complaint")
        self.assertFalse(Grievance.search([("name", "=", "Sales user complaint")]))

    def test_portal_form_for_customers_and_relationship_users(self):
        new_test_user(
            self.env,
            login="grv_rel_user",
            password="grv_rel_user",
            groups="base.group_user,crm_relationship.group_crm_relationship_user",
        )
        Grievance = self.env["crm.relationship.grievance"]
        for login in ("grv_portal_b", "grv_rel_user"):
            self.authenticate(login, login)
            self._post_form(f"Complaint by {login}")
            created = Grievance.search([("name", "=", f"Complaint by {login}")])
            self.assertEqual(len(created), 1, login)
            self.assertEqual(created.partner_id.user_ids.login, login)
