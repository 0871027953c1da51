# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Command
from odoo.tests import Form, TransactionCase, new_test_user, tagged

from ..models.res_company import VALUE_OPTION_FIELDS


@tagged("post_install", "-at_install")
class TestValueConfig(TransactionCase):
    """*Relationship > Configuration > Value Options*: the settings of the
    customer value for the Relationship managers, without the Administration
    rights; on the current company only, validated as in the settings.
    After the install: the menu check reads every add-on's actions."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.other_company = cls.env["res.company"].create({"name": "Options Co B"})
        companies = cls.company | cls.other_company
        cls.manager = new_test_user(
            cls.env,
            login="crm_rel_value_options_manager",
            groups="base.group_user,crm_relationship.group_crm_relationship_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(companies.ids)],
        )
        cls.user = new_test_user(
            cls.env,
            login="crm_rel_value_options_user",
            groups="base.group_user,crm_relationship.group_crm_relationship_user",
            company_id=cls.company.id,
            company_ids=[Command.set(companies.ids)],
        )
        cls.Config = cls.env["crm.relationship.value.config"]

    def _options(self, company):
        return company.read(list(VALUE_OPTION_FIELDS))[0]

    def test_manager_changes_the_options_of_the_company(self):
        self.assertFalse(self.manager.has_group("base.group_system"))
        self.assertFalse(self.manager.has_group("base.group_erp_manager"))
        self.company.crm_relationship_rfm_method = "quintile"
        with Form(self.Config.with_user(self.manager)) as form:
            self.assertEqual(form.company_id, self.company)
            self.assertEqual(form.crm_relationship_rfm_r5_days, 30)
            form.crm_relationship_value_source = "invoice"
            form.crm_relationship_loyal_frequency = 6.0
            form.crm_relationship_loyal_tenure_days = 200
            form.crm_relationship_profitable_margin = 1500.0
            form.crm_relationship_rfm_method = "threshold"
            form.crm_relationship_rfm_r5_days = 20
            form.crm_relationship_rfm_f5 = 12
            form.crm_relationship_rfm_m5 = 9000.0
        action = form.record.action_save()
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(self.company.crm_relationship_value_source, "invoice")
        self.assertEqual(self.company.crm_relationship_loyal_frequency, 6.0)
        self.assertEqual(self.company.crm_relationship_loyal_tenure_days, 200)
        self.assertEqual(self.company.crm_relationship_profitable_margin, 1500.0)
        self.assertEqual(self.company.crm_relationship_rfm_method, "threshold")
        self.assertEqual(self.company.crm_relationship_rfm_r5_days, 20)
        self.assertEqual(self.company.crm_relationship_rfm_f5, 12)
        self.assertEqual(self.company.crm_relationship_rfm_m5, 9000.0)
        # the menu is the manager's
        menu = self.env.ref(
            "crm_relationship_value.crm_relationship_menu_value_options"
        )
        Menu = self.env["ir.ui.menu"]
        self.assertTrue(Menu.with_user(self.manager).search([("id", "=", menu.id)]))
        self.assertFalse(Menu.with_user(self.user).search([("id", "=", menu.id)]))

    def test_relationship_user_is_refused(self):
        before = self._options(self.company)
        Config = self.Config.with_user(self.user)
        with self.assertRaises(AccessError):
            Config.create({"crm_relationship_loyal_tenure_days": 1})
        with self.assertRaises(AccessError):
            Config._check_manager()
        wizard = self.Config.with_user(self.manager).create({})
        with self.assertRaises(AccessError):
            wizard.with_user(self.user).action_save()
        with self.assertRaises(AccessError):
            wizard.with_user(self.user).write({"crm_relationship_loyal_tenure_days": 1})
        self.assertEqual(self._options(self.company), before)

    def test_thresholds_must_rise_with_the_score(self):
        before = self._options(self.company)
        Config = self.Config.with_user(self.manager)
        invalid = (
            ({"crm_relationship_rfm_r4_days": 20}, "recency thresholds"),
            ({"crm_relationship_rfm_f3": 1}, "frequency thresholds"),
            ({"crm_relationship_rfm_m4": 100.0}, "monetary thresholds"),
        )
        for values, message in invalid:
            with self.subTest(values=values):
                with (
                    self.assertRaisesRegex(ValidationError, message),
                    Form(Config) as form,
                ):
                    form.crm_relationship_loyal_tenure_days = 10
                    form.crm_relationship_rfm_method = "threshold"
                    for fname, value in values.items():
                        setattr(form, fname, value)
                self.assertEqual(self._options(self.company), before)
        wizard = Config.create({})
        with self.assertRaisesRegex(ValidationError, "recency thresholds"):
            wizard.write({"crm_relationship_rfm_r5_days": -1})
        self.assertEqual(self._options(self.company), before)

    def test_writes_the_current_company_only(self):
        before = self._options(self.company)
        other_before = self._options(self.other_company)
        Config = self.Config.with_user(self.manager)
        with Form(Config.with_company(self.other_company)) as form:
            self.assertEqual(form.company_id, self.other_company)
            form.crm_relationship_loyal_tenure_days = 90
        self.assertEqual(self.other_company.crm_relationship_loyal_tenure_days, 90)
        self.assertEqual(
            self.company.crm_relationship_loyal_tenure_days,
            before["crm_relationship_loyal_tenure_days"],
        )
        # another company sent by the client is ignored: the current one is set
        wizard = Config.create(
            {
                "company_id": self.other_company.id,
                "crm_relationship_profitable_margin": 42.0,
            }
        )
        self.assertEqual(wizard.company_id, self.company)
        self.assertEqual(self.company.crm_relationship_profitable_margin, 42.0)
        self.assertEqual(
            self.other_company.crm_relationship_profitable_margin,
            other_before["crm_relationship_profitable_margin"],
        )
