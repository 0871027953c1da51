# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.fields import Command
from odoo.tests import HttpCase, TransactionCase, new_test_user


class GrievanceCommon(TransactionCase):
    """A 40-hour UTC week (Mon-Fri 8-12 and 13-17) and two SLA policies."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.user = new_test_user(
            cls.env,
            login="grv_user",
            groups="base.group_user,crm_relationship.group_crm_relationship_user",
        )
        cls.manager = new_test_user(
            cls.env,
            login="grv_manager",
            groups="base.group_user,crm_relationship.group_crm_relationship_manager",
        )
        cls.leader = new_test_user(
            cls.env,
            login="grv_leader",
            groups="base.group_user,crm_relationship.group_crm_relationship_user",
        )
        cls.team = cls.env["crm.team"].create(
            {
                "name": "Care Team",
                "user_id": cls.leader.id,
                "member_ids": [Command.link(cls.user.id)],
            }
        )
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Care 40h UTC",
                "tz": "UTC",
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"{day} {period}",
                            "dayofweek": str(day),
                            "hour_from": hour_from,
                            "hour_to": hour_to,
                            "day_period": period,
                        }
                    )
                    for day in range(5)
                    for period, hour_from, hour_to in (
                        ("morning", 8, 12),
                        ("afternoon", 13, 17),
                    )
                ],
            }
        )
        Sla = cls.env["crm.relationship.grievance.sla"]
        Sla.search([]).active = False
        cls.sla_urgent = Sla.create(
            {
                "name": "Urgent",
                "sequence": 1,
                "priority": "3",
                "resource_calendar_id": cls.calendar.id,
                "first_response_hours": 1,
                "resolution_hours": 4,
            }
        )
        cls.sla_standard = Sla.create(
            {
                "name": "Standard",
                "sequence": 10,
                "resource_calendar_id": cls.calendar.id,
                "first_response_hours": 4,
                "resolution_hours": 16,
                "at_risk_percent": 75,
            }
        )
        cls.stage_new = cls.env.ref("crm_relationship_grievance.grievance_stage_new")
        cls.stage_progress = cls.env.ref(
            "crm_relationship_grievance.grievance_stage_in_progress"
        )
        cls.stage_waiting = cls.env.ref(
            "crm_relationship_grievance.grievance_stage_waiting"
        )
        cls.stage_resolved = cls.env.ref(
            "crm_relationship_grievance.grievance_stage_resolved"
        )
        cls.stage_closed = cls.env.ref(
            "crm_relationship_grievance.grievance_stage_closed"
        )
        cls.category_delivery = cls.env.ref(
            "crm_relationship_grievance.grievance_category_delivery"
        )
        cls.category_late = cls.env.ref(
            "crm_relationship_grievance.grievance_category_delivery_late"
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Loja Azul",
                "is_company": True,
                "email": "contato@lojaazul.example.com",
                "user_id": cls.user.id,
            }
        )
        cls.contact = cls.env["res.partner"].create(
            {
                "name": "Rita Azul",
                "parent_id": cls.customer.id,
                "email": "rita@lojaazul.example.com",
            }
        )

    @classmethod
    def _grievance(cls, **values):
        values.setdefault("name", "Parcel arrived damaged")
        values.setdefault("partner_id", cls.contact.id)
        return cls.env["crm.relationship.grievance"].create(values)

    @staticmethod
    def _post(grievance, body, author, subtype="mail.mt_comment"):
        """A message on the grievance as ``author`` (a partner), logged in as
        their user if they have one and posting as the chatter does (sudo): a
        public answer or reply by default, an internal note with
        ``mail.mt_note``."""
        return (
            grievance.with_user(author.user_ids[:1])
            .sudo()
            .message_post(
                body=body,
                message_type="comment",
                subtype_xmlid=subtype,
                author_id=author.id,
            )
        )


class GrievancePortalCommon(HttpCase):
    """Two customer companies A and B, portal users A, A2 (a colleague of A)
    and B, and one grievance of A2 and one of B."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.company_a = Partner.create({"name": "Casa Verde", "is_company": True})
        cls.company_b = Partner.create({"name": "Casa Roxa", "is_company": True})
        cls.portal_a = cls._portal_user("grv_portal_a", "Ana Verde", cls.company_a)
        cls.portal_a2 = cls._portal_user("grv_portal_a2", "Alice Verde", cls.company_a)
        cls.portal_b = cls._portal_user("grv_portal_b", "Bruno Roxo", cls.company_b)
        Grievance = cls.env["crm.relationship.grievance"]
        cls.grievance_a = Grievance.create(
            {"name": "Verde: missing screws", "partner_id": cls.portal_a2.partner_id.id}
        )
        cls.grievance_b = Grievance.create(
            {"name": "Roxo: wrong size", "partner_id": cls.portal_b.partner_id.id}
        )

    @classmethod
    def _portal_user(cls, login, name, company):
        """A portal user (password = login) who is a contact of ``company``."""
        user = new_test_user(
            cls.env, login=login, password=login, groups="base.group_portal", name=name
        )
        user.partner_id.parent_id = company
        return user
