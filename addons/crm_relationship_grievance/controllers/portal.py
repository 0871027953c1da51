# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request
from odoo.tools import plaintext2html

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.crm_relationship_grievance import PORTAL_ORDER

GRIEVANCE_MODEL = "crm.relationship.grievance"
SUBJECT_MAX = 200
DESCRIPTION_MAX = 10000


class GrievancePortal(CustomerPortal):
    """Customers list, read and submit their own grievances.

    Reads run as the portal user, so the record rule limits them to the
    user's commercial partner. Portal users submit for their customer, with
    sudo() on values this controller has checked: the contact is always the
    logged-in user, the category must exist; employees submit with their own
    rights, so only those who may create grievances can.
    """

    def _grievance_domain(self):
        partner = request.env.user.partner_id
        return [("commercial_partner_id", "=", partner.commercial_partner_id.id)]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "grievance_count" in counters:
            Grievance = request.env[GRIEVANCE_MODEL]
            values["grievance_count"] = (
                Grievance.search_count(self._grievance_domain())
                if Grievance.has_access("read")
                else 0
            )
        return values

    @http.route(
        ["/my/grievances", "/my/grievances/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_grievances(self, page=1, **kw):
        Grievance = request.env[GRIEVANCE_MODEL]
        if not Grievance.has_access("read"):
            return request.redirect("/my")
        domain = self._grievance_domain()
        pager = portal_pager(
            url="/my/grievances",
            total=Grievance.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        grievances = Grievance.search(
            domain,
            order=PORTAL_ORDER,
            limit=self._items_per_page,
            offset=pager["offset"],
        )
        request.session["my_grievances_history"] = grievances.ids[:100]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "grievances": grievances,
                "page_name": "grievance",
                "pager": pager,
                "default_url": "/my/grievances",
            }
        )
        return request.render("crm_relationship_grievance.portal_my_grievances", values)

    @http.route(
        ["/my/grievances/<int:grievance_id>"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_grievance_page(self, grievance_id, access_token=None, **kw):
        try:
            grievance_sudo = self._document_check_access(
                GRIEVANCE_MODEL, grievance_id, access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update({"grievance": grievance_sudo, "page_name": "grievance"})
        values = self._get_page_view_values(
            grievance_sudo,
            access_token,
            values,
            "my_grievances_history",
            False,
            **kw,
        )
        return request.render(
            "crm_relationship_grievance.portal_grievance_page", values
        )

    def _grievance_submitter(self):
        """The grievance model to create with, None for a user who may not:
        sudo for portal users, the employee's own rights otherwise."""
        Grievance = request.env[GRIEVANCE_MODEL]
        if request.env.user._is_portal():
            return Grievance.sudo()
        return Grievance if Grievance.has_access("create") else None

    def _grievance_form_values(self, error=None, data=None):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "grievance_new",
                "categories": request.env["crm.relationship.grievance.category"].search(
                    []
                ),
                "error": error or {},
                "data": data or {},
            }
        )
        return values

    def _validate_grievance_post(self, data):
        """Checked values for the new grievance, and errors by field."""
        error = {}
        partner = request.env.user.partner_id
        subject = (data.get("name") or "").strip()
        if not subject:
            error["name"] = request.env._("Give your complaint a subject.")
        description = (data.get("description") or "").strip()
        if not description:
            error["description"] = request.env._("Describe what happened.")
        values = {
            "name": subject[:SUBJECT_MAX],
            "description": plaintext2html(description[:DESCRIPTION_MAX]),
            "partner_id": partner.id,
            "company_id": (partner.company_id or request.env.company).id,
        }
        category_id = data.get("category_id")
        if category_id:
            category = (
                request.env["crm.relationship.grievance.category"]
                .browse(int(category_id) if category_id.isdigit() else 0)
                .exists()
            )
            if not category:
                error["category_id"] = request.env._("Unknown category.")
            else:
                values["category_id"] = category.id
        channel = request.env.ref(
            "crm_relationship_grievance.grievance_channel_web", raise_if_not_found=False
        )
        if channel:
            values["channel_id"] = channel.id
        return values, error

    @http.route(
        ["/my/grievances/new"],
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
    )
    def portal_grievance_new(self, **post):
        Grievance = self._grievance_submitter()
        if Grievance is None:
            return request.redirect("/my")
        if request.httprequest.method != "POST":
            return request.render(
                "crm_relationship_grievance.portal_grievance_new",
                self._grievance_form_values(),
            )
        values, error = self._validate_grievance_post(post)
        if error:
            return request.render(
                "crm_relationship_grievance.portal_grievance_new",
                self._grievance_form_values(error, post),
            )
        grievance = Grievance.create(values)
        return request.redirect(f"/my/grievances/{grievance.id}")
