# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged

from .common import GrievanceCommon

REPORTER = "crm_relationship_grievance.group_crm_relationship_grievance_report"


@tagged("post_install", "-at_install")
class TestGrievanceRoles(GrievanceCommon):
    """The Customer Relationship section of the user form, and the light
    Grievance Reporter role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reporter = new_test_user(cls.env, login="grv_reporter", groups=REPORTER)
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "Loja Verde", "is_company": True}
        )

    def test_groups_have_their_own_section_on_the_user_form(self):
        section = self.env.ref(
            "crm_relationship.module_category_crm_relationship_relationship"
        )
        self.assertEqual(
            section.parent_id,
            self.env.ref("crm_relationship.module_category_crm_relationship"),
        )
        apps = {
            app: (kind, groups, category)
            for app, kind, groups, category in self.env[
                "res.groups"
            ].get_groups_by_application()
        }
        kind, groups, (_sequence, category_name) = apps[section]
        self.assertEqual(kind, "selection")
        self.assertEqual(category_name, "Customer Relationship")
        self.assertEqual(
            groups.mapped("name"), ["Grievance Reporter", "User", "Manager"]
        )

    def test_reporter_creates_reads_and_edits_their_own_only(self):
        Grievance = self.env["crm.relationship.grievance"].with_user(self.reporter)
        mine = Grievance.create(
            {"name": "Scratched table", "partner_id": self.other_customer.id}
        )
        self.assertEqual(mine.user_id, self.reporter, "they recorded it")
        self.assertIn(self.other_customer, mine.sudo().message_partner_ids)
        others = self._grievance(name="Someone else's")
        self.assertEqual(Grievance.search([("id", "in", (mine | others).ids)]), mine)
        with self.assertRaises(AccessError):
            others.with_user(self.reporter).read(["name"])
        mine.write({"name": "Scratched table top"})  # their own, yes
        with self.assertRaises(AccessError):
            others.with_user(self.reporter).write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            mine.write({"sla_deadline": "2030-01-01 00:00:00"})
        with self.assertRaises(AccessError):
            mine.unlink()

    def test_reporter_sees_the_grievances_of_their_customers(self):
        self.other_customer.user_id = self.reporter
        theirs = self._grievance(partner_id=self.other_customer.id)
        self.assertEqual(
            theirs.with_user(self.reporter).read(["name"])[0]["id"], theirs.id
        )

    def test_relationship_users_see_every_grievance(self):
        theirs = (
            self.env["crm.relationship.grievance"]
            .with_user(self.reporter)
            .create({"name": "Reported", "partner_id": self.other_customer.id})
        )
        self.assertTrue(theirs.with_user(self.user).read(["name"]))
        self.assertTrue(self.user.has_group(REPORTER))

    def test_managers_change_the_grievance_options_without_settings(self):
        self.assertFalse(self.manager.has_group("base.group_system"))
        Config = self.env["crm.relationship.grievance.config"].with_user(self.manager)
        with Form(Config) as form:
            self.assertTrue(form.alias_name)
            form.reopen_days = 21
            form.repeat_days = 60
            form.alias_name = "grievances"
        form.record.action_save()
        params = self.env["ir.config_parameter"].sudo()
        self.assertEqual(
            params.get_param("crm_relationship.grievance_reopen_days"), "21"
        )
        self.assertEqual(
            params.get_param("crm_relationship.grievance_repeat_days"), "60"
        )
        self.assertEqual(
            self.env.ref("crm_relationship_grievance.mail_alias_grievance").alias_name,
            "grievances",
        )
        with self.assertRaises(AccessError):
            self.env["crm.relationship.grievance.config"].with_user(self.user).create(
                {"reopen_days": 1}
            )
        menu = self.env.ref(
            "crm_relationship_grievance.crm_relationship_menu_grievance_options"
        )
        self.assertIn(
            menu,
            self.env["ir.ui.menu"]
            .with_user(self.manager)
            .search([("id", "=", menu.id)]),
        )
