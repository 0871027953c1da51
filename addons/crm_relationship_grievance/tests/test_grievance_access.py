# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import contextlib
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Command
from odoo.http import Request
from odoo.tests import Form, new_test_user, tagged

from .common import GrievanceCommon, GrievancePortalCommon

REPORTER = "crm_relationship_grievance.group_crm_relationship_grievance_report"

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


@tagged("post_install", "-at_install")
class TestGrievanceReporterAttacks(GrievanceCommon):
    """A Grievance Reporter (every Sales and Invoicing user) calling the
    models as the web client would, with ids of grievances not theirs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reporter = new_test_user(
            cls.env, login="grv_attacker", groups=REPORTER, name="Rex Reporter"
        )
        cls.served = cls.env["res.partner"].create(
            {"name": "Served Shop", "is_company": True, "user_id": cls.reporter.id}
        )
        cls.theirs = cls._grievance(
            name="Theirs: served customer", partner_id=cls.served.id
        )
        cls.hidden = cls._grievance(name="Hidden: someone else's")

    def test_reporter_lists_only_theirs_every_way(self):
        Grievance = self.env["crm.relationship.grievance"].with_user(self.reporter)
        mine = Grievance.create(
            {"name": "Mine: reported", "partner_id": self.contact.id}
        )
        visible = mine | self.theirs
        self.assertEqual(Grievance.search([]), visible)
        self.assertEqual(Grievance.search_count([]), 2)
        self.assertNotIn(
            self.hidden.id, [gid for gid, _name in Grievance.name_search("")]
        )
        groups = Grievance.read_group(
            [], ["commercial_partner_id"], ["commercial_partner_id"]
        )
        self.assertEqual(
            sum(group["commercial_partner_id_count"] for group in groups), 2
        )
        # through a customer: the counter and the list count theirs only
        customer = self.customer.with_user(self.reporter)
        self.assertEqual(customer.grievance_count, 1, "mine, not the hidden one")
        action = customer.action_view_grievances()
        self.assertEqual(Grievance.search(action["domain"]), mine)
        with self.assertRaises(AccessError):
            self.hidden.with_user(self.reporter).read(["name"])
        with self.assertRaises(AccessError):
            self.hidden.with_user(self.reporter).write({"name": "Mine now"})
        with self.assertRaises(AccessError):
            self.hidden.with_user(self.reporter).message_post(body="Hello")
        # no analysis
        with self.assertRaises(AccessError):
            self.env["crm.relationship.grievance.report"].with_user(
                self.reporter
            ).search_read([], ["id"])

    def test_reporter_cannot_touch_priority_nor_sla(self):
        grievance = self.theirs.with_user(self.reporter)
        for vals in (
            {"priority": "3"},
            {"priority_override": "3"},
            {"sla_policy_id": self.sla_urgent.id},
            {"sla_deadline": "2099-01-01 00:00:00"},
            {"sla_status": "on_track"},
            {"sla_paused_hours": 400.0},
            {"date_received": "2099-01-01 00:00:00"},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                grievance.write(vals)
        with self.assertRaises(AccessError):
            grievance.unlink()
        with self.assertRaises(AccessError):
            self.env["crm.relationship.grievance"].with_user(self.reporter).create(
                {"name": "Forged", "partner_id": self.served.id, "priority": "3"}
            )
        self.assertEqual(self.theirs.priority, "1")
        self.assertTrue(self.theirs.exists())

    def test_date_received_moves_the_sla_clock_for_managers_only(self):
        """Moving the received date would move every deadline: a breach
        hidden by a write. Relationship users and reporters cannot; a
        grievance cannot be received in the future; a manager corrects it."""
        grievance = self._grievance(date_received="2026-06-08 09:00:00")
        deadline = grievance.sla_deadline
        for user in (self.user, self.reporter):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                grievance.with_user(user).write(
                    {"date_received": fields.Datetime.now()}
                )
        self.assertEqual(grievance.sla_deadline, deadline)
        with self.assertRaises(ValidationError):
            self.env["crm.relationship.grievance"].with_user(self.user).create(
                {
                    "name": "Received next year",
                    "partner_id": self.contact.id,
                    "date_received": fields.Datetime.now() + timedelta(days=365),
                }
            )
        grievance.with_user(self.manager).write(
            {"date_received": "2026-06-09 09:00:00"}
        )
        self.assertGreater(grievance.sla_deadline, deadline)

    def test_resolve_wizard_on_a_hidden_grievance(self):
        """The Resolve dialog with the id of a grievance the reporter cannot
        see, in active_ids or in its own field, changes nothing."""
        Close = self.env["crm.relationship.grievance.close"].with_user(self.reporter)
        with self.assertRaises(AccessError):
            Form(Close.with_context(active_ids=self.hidden.ids))
        wizard = Close.create(
            {
                "grievance_ids": [Command.set(self.hidden.ids)],
                "stage_id": self.stage_closed.id,
                "resolution": "<p>Closed by someone else</p>",
            }
        )
        with contextlib.suppress(AccessError):
            wizard.action_close()
        self.assertFalse(self.hidden.is_closed)
        self.assertFalse(self.hidden.resolution)
        # on their own, with a resolution, it works
        mine = self.theirs.with_user(self.reporter)
        action = mine.action_open_close_wizard()
        with Form(Close.with_context(**action["context"])) as form:
            form.resolution = "<p>Replaced the part</p>"
        form.record.action_close()
        self.assertTrue(self.theirs.is_closed)

    def test_options_wizards_are_for_managers(self):
        Config = self.env["crm.relationship.grievance.config"]
        for user in (self.reporter, self.user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                Config.with_user(user).create({"reopen_days": 1})
        # a manager's saved dialog, replayed by someone else, does nothing
        wizard = (
            self.env["crm.relationship.grievance.config"]
            .with_user(self.manager)
            .create({"reopen_days": 3, "repeat_days": 7})
        )
        for user in (self.reporter, self.user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                wizard.with_user(user).action_save()
        params = self.env["ir.config_parameter"].sudo()
        self.assertNotEqual(
            params.get_param("crm_relationship.grievance_reopen_days"), "3"
        )
        with self.assertRaises(ValidationError):
            self.env["crm.relationship.grievance.config"].with_user(
                self.manager
            ).create({"reopen_days": -1, "repeat_days": 7})
