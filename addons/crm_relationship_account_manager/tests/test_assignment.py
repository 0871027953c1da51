# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from .common import AccountManagerCommon


@tagged("post_install", "-at_install")
class TestAssignment(AccountManagerCommon):
    def _run(self, mode="unassigned", partners=None):
        changes, unplaced = self.Rule._propose(mode, partners=partners)
        self.Rule._apply_changes(changes, cause="rule")
        return changes, unplaced

    def test_first_matching_rule_by_industry_country_state_zip(self):
        by_state = self.Rule.create(
            {
                "name": "Retail Paris",
                "sequence": 1,
                "industry_ids": [Command.set(self.retail.ids)],
                "country_ids": [Command.set(self.france.ids)],
                "state_ids": [Command.set(self.paris.ids)],
                "target_type": "users",
                "user_ids": [Command.set(self.am1.ids)],
            }
        )
        by_country = self.Rule.create(
            {
                "name": "Retail France",
                "sequence": 2,
                "industry_ids": [Command.set(self.retail.ids)],
                "country_ids": [Command.set(self.france.ids)],
                "target_type": "users",
                "user_ids": [Command.set(self.am2.ids)],
            }
        )
        by_industry = self.Rule.create(
            {
                "name": "Retail",
                "sequence": 3,
                "industry_ids": [Command.set(self.retail.ids)],
                "target_type": "users",
                "user_ids": [Command.set(self.am3.ids)],
            }
        )
        by_zip = self.Rule.create(
            {
                "name": "Banking Paris ZIP",
                "sequence": 4,
                "industry_ids": [Command.set(self.banking.ids)],
                "zip_from": "75000",
                "zip_to": "75999",
                "target_type": "users",
                "user_ids": [Command.set(self.am4.ids)],
            }
        )
        paris = self._customers(
            1,
            industry_id=self.retail.id,
            country_id=self.france.id,
            state_id=self.paris.id,
        )
        lyon = self._customers(
            1,
            industry_id=self.retail.id,
            country_id=self.france.id,
            state_id=self.lyon.id,
        )
        brussels = self._customers(
            1, industry_id=self.retail.id, country_id=self.belgium.id
        )
        bank_paris = self._customers(1, industry_id=self.banking.id, zip="75008")
        bank_lyon = self._customers(1, industry_id=self.banking.id, zip="69001")
        self._run()
        self.assertEqual(paris.user_id, self.am1)
        self.assertEqual(paris.account_manager_rule_id, by_state)
        self.assertEqual(lyon.user_id, self.am2)
        self.assertEqual(lyon.account_manager_rule_id, by_country)
        self.assertEqual(brussels.user_id, self.am3)
        self.assertEqual(brussels.account_manager_rule_id, by_industry)
        self.assertEqual(bank_paris.user_id, self.am4)
        self.assertEqual(bank_paris.account_manager_rule_id, by_zip)
        self.assertFalse(bank_lyon.user_id, "no rule matches: unassigned queue")
        self.assertEqual(paris.account_manager_cause, "rule")
        # Reordering puts the industry-only rule first: it wins from now on.
        by_industry.sequence = 0
        changes, _unplaced = self.Rule._propose("realign")
        moved = {c["partner_id"] for c in changes}
        self.assertEqual(moved, set((paris | lyon).ids))

    def test_team_balanced_by_capacity(self):
        self.Rule.create(
            {
                "name": "Retail to the team",
                "industry_ids": [Command.set(self.retail.ids)],
                "team_id": self.team.id,
            }
        )
        customers = self._customers(12, industry_id=self.retail.id)
        self._run()
        counts = {
            u: len(customers.filtered(lambda p, u=u: p.user_id == u))
            for u in (self.am1, self.am2, self.am3)
        }
        # am2 has twice the capacity: twice the customers.
        self.assertEqual(counts, {self.am1: 3, self.am2: 6, self.am3: 3})
        self.assertFalse(customers.filtered(lambda p: p.user_id == self.am4))
        manager = self._manager(self.am2)
        self.assertEqual((manager.account_count, manager.load), (6, 6.0))
        self.assertAlmostEqual(manager.load_pct, 30.0)

    def test_leave_and_capacity(self):
        self.Rule.create(
            {
                "name": "Retail to the team",
                "industry_ids": [Command.set(self.retail.ids)],
                "team_id": self.team.id,
            }
        )
        self._manager(self.am2).on_leave = True
        customers = self._customers(25, industry_id=self.retail.id)
        _changes, unplaced = self._run()
        self.assertFalse(customers.filtered(lambda p: p.user_id == self.am2))
        self.assertEqual(len(customers.filtered(lambda p: p.user_id == self.am1)), 10)
        self.assertEqual(len(customers.filtered(lambda p: p.user_id == self.am3)), 10)
        self.assertEqual(len(unplaced), 5, "no room left: they stay unassigned")
        self.assertEqual(len(customers.filtered(lambda p: not p.user_id)), 5)

    def test_ties_are_deterministic(self):
        self.Rule.create(
            {
                "name": "Retail to am1 and am3",
                "industry_ids": [Command.set(self.retail.ids)],
                "target_type": "users",
                "user_ids": [Command.set((self.am3 | self.am1).ids)],
            }
        )
        customers = self._customers(1, industry_id=self.retail.id)
        self._run()
        self.assertEqual(customers.user_id, min(self.am1, self.am3, key=lambda u: u.id))

    def test_realign_moves_only_changed_and_never_pinned(self):
        retail_rule = self.Rule.create(
            {
                "name": "Retail",
                "industry_ids": [Command.set(self.retail.ids)],
                "team_id": self.team.id,
            }
        )
        banking_rule = self.Rule.create(
            {
                "name": "Banking",
                "industry_ids": [Command.set(self.banking.ids)],
                "target_type": "users",
                "user_ids": [Command.set(self.am4.ids)],
            }
        )
        retail = self._customers(6, industry_id=self.retail.id)
        banking = self._customers(4, industry_id=self.banking.id)
        self._run()
        retail_owners = {p.id: p.user_id for p in retail}
        self.assertEqual(banking.user_id, self.am4)
        pinned = banking[0]
        pinned.account_manager_pinned = True
        manual = banking[1]
        manual.user_id = self.am3
        history_before = self.History.search_count([])
        banking_rule.user_ids = [Command.set(self.am1.ids)]
        changes, _unplaced = self.Rule._propose("realign")
        self.assertEqual({c["partner_id"] for c in changes}, set(banking[2:].ids))
        self.Rule._apply_changes(changes, cause="rule")
        self.assertEqual(banking[2:].user_id, self.am1)
        self.assertEqual(pinned.user_id, self.am4, "pinned: never moved")
        self.assertEqual(manual.user_id, self.am3, "a manual assignment is kept")
        self.assertEqual({p.id: p.user_id for p in retail}, retail_owners)
        self.assertEqual(self.History.search_count([]), history_before + 2)
        self.assertEqual(retail.account_manager_rule_id, retail_rule)
        # Nothing changed since: a second realignment proposes nothing.
        self.assertEqual(self.Rule._propose("realign"), ([], []))

    def test_child_contacts_follow(self):
        self.Rule.create(
            {
                "name": "Retail",
                "industry_ids": [Command.set(self.retail.ids)],
                "target_type": "users",
                "user_ids": [Command.set(self.am1.ids)],
            }
        )
        company = self._customers(1, industry_id=self.retail.id)
        contact = self.env["res.partner"].create(
            {"name": "Buyer", "parent_id": company.id}
        )
        self.assertFalse(contact.user_id)
        self._run()
        self.assertEqual(contact.user_id, self.am1)
        company.user_id = self.am2
        self.assertEqual(contact.user_id, self.am2)
        late = self.env["res.partner"].create({"name": "Late", "parent_id": company.id})
        self.assertEqual(late.user_id, self.am2)
        changes, _unplaced = self.Rule._propose_reassignment(company, self.am3)
        self.Rule._apply_changes(changes, cause="bulk")
        self.assertEqual((contact | late).user_id, self.am3)
        self.assertFalse(
            self.History.search([("partner_id", "in", (contact | late).ids)]),
            "the history is the commercial partner's",
        )

    def test_manual_change_history(self):
        customer = self._customers(1)
        with freeze_time("2026-03-01 10:00:00"):
            customer.user_id = self.am1
        with freeze_time("2026-04-15 10:00:00"):
            customer.user_id = self.am2
        rows = customer.account_manager_history_ids.sorted("date")
        self.assertEqual(rows.mapped("cause"), ["manual", "manual"])
        self.assertEqual(rows.user_to_id, self.am1 | self.am2)
        self.assertEqual(rows[1].user_from_id, self.am1)
        self.assertEqual(rows[0].date_end, rows[1].date)
        self.assertFalse(rows[1].date_end)
        self.assertEqual(customer.account_manager_cause, "manual")
        owner = self.History._owner_at
        self.assertEqual(
            owner(customer, datetime(2026, 3, 20)), {customer.id: self.am1.id}
        )
        self.assertEqual(
            owner(customer, datetime(2026, 5, 1)), {customer.id: self.am2.id}
        )
        self.assertEqual(owner(customer, datetime(2026, 2, 1)), {})

    def test_handover_activity(self):
        customer = self._customers(1)
        customer.user_id = self.am1
        changes, _unplaced = self.Rule._propose_reassignment(customer, self.am2)
        self.Rule._apply_changes(changes, cause="bulk", reason="Portfolio split")
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", customer.id)]
        )
        self.assertEqual(activity.user_id, self.am2)
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref(
                "crm_relationship_account_manager.mail_activity_type_account_handover"
            ),
        )
        self.assertIn(self.am1.name, activity.note)
        row = self.History.search(
            [("partner_id", "=", customer.id), ("cause", "=", "bulk")]
        )
        self.assertEqual(
            (row.cause, row.reason, row.user_from_id),
            ("bulk", "Portfolio split", self.am1),
        )

    def test_auto_assign_new_customer_and_cron(self):
        self.Rule.create(
            {
                "name": "Retail",
                "industry_ids": [Command.set(self.retail.ids)],
                "target_type": "users",
                "user_ids": [Command.set(self.am1.ids)],
            }
        )
        new = (
            self.env["res.partner"]
            .with_context(res_partner_search_mode="customer")
            .create({"name": "New", "is_company": True, "industry_id": self.retail.id})
        )
        self.assertEqual(new.user_id, self.am1)
        waiting = self._customers(2, industry_id=self.retail.id)
        self.assertFalse(waiting.user_id, "not a customer yet at creation")
        self.env.ref(
            "crm_relationship_account_manager.ir_cron_assign_unassigned"
        ).method_direct_trigger()
        self.assertEqual(waiting.user_id, self.am1)

    def test_rule_validation(self):
        with self.assertRaises(ValidationError):
            self.Rule.create({"name": "No team", "target_type": "team"})
        with self.assertRaises(ValidationError):
            self.Rule.create({"name": "No users", "target_type": "users"})
