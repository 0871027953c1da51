# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form, TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCustomerProfile(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(
            cls.env,
            login="crm_rel_profile_user",
            groups="base.group_user,crm_relationship.group_crm_relationship_user",
        )
        Partner = cls.env["res.partner"]
        with freeze_time("2026-06-15"):
            cls.teen = Partner.create(
                {"name": "Teen", "relationship_birthdate": "2010-06-16"}
            )
            cls.adult = Partner.create(
                {"name": "Adult", "relationship_birthdate": "1990-06-15"}
            )
            cls.senior = Partner.create(
                {"name": "Senior", "relationship_birthdate": "1960-01-01"}
            )
            cls.unknown = Partner.create({"name": "Unknown age"})

    @freeze_time("2026-06-15")
    def test_age_is_full_years(self):
        self.assertEqual(
            self.teen.relationship_age, 15, "birthday is tomorrow: still 15"
        )
        self.assertEqual(self.adult.relationship_age, 36, "birthday today counts")
        self.assertEqual(self.senior.relationship_age, 66)
        self.assertEqual(self.unknown.relationship_age, 0)

    @freeze_time("2026-06-15")
    def test_age_band_stored_at_create(self):
        self.assertEqual(self.teen.relationship_age_band, "under_18")
        self.assertEqual(self.adult.relationship_age_band, "35_44")
        self.assertEqual(self.senior.relationship_age_band, "65_plus")
        self.assertFalse(self.unknown.relationship_age_band)

    @freeze_time("2026-06-15")
    def test_search_by_age(self):
        Partner = self.env["res.partner"]
        ours = self.teen | self.adult | self.senior | self.unknown

        def found(operator, value):
            return Partner.search([("relationship_age", operator, value)]) & ours

        self.assertEqual(found("=", 15), self.teen)
        self.assertEqual(found("=", 16), Partner)
        self.assertEqual(found(">=", 36), self.adult | self.senior)
        self.assertEqual(found(">", 36), self.senior)
        self.assertEqual(found("<", 36), self.teen)
        self.assertEqual(found("<=", 36), self.teen | self.adult)
        self.assertEqual(found("!=", 36), self.teen | self.senior | self.unknown)
        with self.assertRaises(UserError):
            Partner.search([("relationship_age", "=", "thirty")])

    def test_cron_moves_partners_to_next_band(self):
        with freeze_time("2028-06-15"):
            self.env.ref(
                "crm_relationship.ir_cron_refresh_age_bands"
            ).method_direct_trigger()
        self.assertEqual(
            self.teen.relationship_age_band, "under_18", "17 the day before"
        )
        with freeze_time("2028-06-16"):
            self.env.ref(
                "crm_relationship.ir_cron_refresh_age_bands"
            ).method_direct_trigger()
        self.assertEqual(self.teen.relationship_age_band, "18_24")
        self.assertEqual(self.adult.relationship_age_band, "35_44")
        self.assertEqual(self.senior.relationship_age_band, "65_plus")

    def test_profile_through_form(self):
        partner_form = Form(self.env["res.partner"].with_user(self.user))
        partner_form.name = "Maria Souza"
        partner_form.relationship_birthdate = date(1985, 3, 2)
        partner_form.education_level = "master"
        partner_form.marital_status = "married"
        partner_form.preferred_channel = "phone"
        partner_form.contact_time = "evening"
        partner = partner_form.save()
        self.assertRecordValues(
            partner,
            [
                {
                    "education_level": "master",
                    "marital_status": "married",
                    "preferred_channel": "phone",
                    "contact_time": "evening",
                }
            ],
        )
        self.assertTrue(partner.relationship_age_band)


@tagged("post_install", "-at_install")
class TestAppLanding(TransactionCase):
    def test_app_opens_on_the_customers_list(self):
        """The Relationship app opens its first menu's action on its first
        view: the customers list, not an analysis."""
        root = self.env.ref("crm_relationship.crm_relationship_menu_root")
        first = root.child_id.filtered("action").sorted("sequence")[:1]
        self.assertEqual(
            first, self.env.ref("crm_relationship.crm_relationship_menu_customers")
        )
        self.assertEqual(first.action.views[0][1], "list")

    def test_customers_exclude_employees_companies_and_contacts(self):
        """Whatever else marks a customer, the list never holds an employee's
        partner, one of the database's companies, nor a company's contact."""
        Partner = self.env["res.partner"]
        company = Partner.create({"name": "Client Co", "is_company": True})
        contact = Partner.create({"name": "Buyer", "parent_id": company.id})
        employee = new_test_user(self.env, login="crm_rel_landing_employee")
        excluded = Partner.search(
            [
                ("relationship_is_customer", "=", False),
                ("id", "in", (contact | employee.partner_id).ids),
            ]
        )
        self.assertEqual(excluded, contact | employee.partner_id)
        self.assertFalse(self.env.company.partner_id.relationship_is_customer)
        self.assertFalse(contact.relationship_is_customer)
        action = self.env.ref("crm_relationship.res_partner_action_customers")
        self.assertIn("relationship_is_customer", action.domain)
