# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request
from odoo.tools import plaintext2html
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.crm_relationship_grievance import PORTAL_ORDER

GRIEVANCE_MODEL = "crm.relationship.grievance"
SUBJECT_MAX = 200
DESCRIPTION_MAX = 10000
PRODUCTS_MAX = 200
ATTACHMENTS_MAX = 5
ATTACHMENT_SIZE_MAX = 10 * 1024 * 1024  # bytes, each
# Photos, scans and documents a customer sends with a grievance.
ATTACHMENT_MIMETYPES = {
    "text/plain",
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/webp",
    "application/pdf",
}


def _to_id(value):
    """A posted id as an int, 0 for anything else."""
    value = (value or "").strip()
    return int(value) if value.isdigit() else 0


class GrievancePortal(CustomerPortal):
    """Customers list, read and submit their own grievances.

    Reads run as the portal user, so the record rule limits them to the
    user's commercial partner. Portal users submit for their customer, with
    sudo() on values this controller has checked: the contact is always the
    logged-in user, the category must exist, the product must be one the
    form offered, the files are checked for number, size and type and
    attached to the new grievance only; employees submit with their own
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
        values.update(
            {
                "grievance": grievance_sudo,
                "page_name": "grievance",
                "submitted": bool(kw.get("submitted")),
                "attachments": self._grievance_attachments(grievance_sudo),
            }
        )
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

    def _grievance_attachments(self, grievance_sudo):
        """The files sent with the grievance, each with its access token
        (the page was opened after the portal's access check)."""
        attachments = (
            request.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", GRIEVANCE_MODEL),
                    ("res_id", "=", grievance_sudo.id),
                    ("access_token", "!=", False),
                ],
                order="id",
            )
        )
        return attachments

    def _grievance_products(self):
        """The products the form offers, as superuser (portal users do not
        read products): the saleable products of the customer's company or
        shared (glue add-ons offer those the customer bought)."""
        company = request.env.user.partner_id.company_id or request.env.company
        return (
            request.env["product.product"]
            .sudo()
            .search(
                [("sale_ok", "=", True), ("company_id", "in", [False, company.id])],
                order="name",
                limit=PRODUCTS_MAX,
            )
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
                "products": self._grievance_products(),
                "attachments_max": ATTACHMENTS_MAX,
                "attachment_size_max_mb": ATTACHMENT_SIZE_MAX // (1024 * 1024),
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
            error["name"] = request.env._("Give your grievance a subject.")
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
            # with the user's rights: an archived category is not offered
            category = request.env["crm.relationship.grievance.category"].search(
                [("id", "=", _to_id(category_id))], limit=1
            )
            if not category:
                error["category_id"] = request.env._("Unknown category.")
            else:
                values["category_id"] = category.id
        product_id = data.get("product_id")
        if product_id:
            product = self._grievance_products().filtered(
                lambda p: p.id == _to_id(product_id)
            )
            if not product:
                error["product_id"] = request.env._("Unknown product.")
            else:
                values["product_ids"] = [(6, 0, product.ids)]
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
        files, file_error = self._validate_grievance_files()
        if file_error:
            error["attachments"] = file_error
        if error:
            return request.render(
                "crm_relationship_grievance.portal_grievance_new",
                self._grievance_form_values(error, post),
            )
        grievance = Grievance.create(values)
        self._attach_grievance_files(grievance, files)
        return request.redirect(f"/my/grievances/{grievance.id}?submitted=1")

    def _validate_grievance_files(self):
        """The files posted with the form, read and checked: number, size and
        type (sniffed from the content, not taken from the browser)."""
        uploads = [
            upload
            for upload in request.httprequest.files.getlist("attachments")
            if upload and upload.filename
        ]
        if len(uploads) > ATTACHMENTS_MAX:
            return [], request.env._(
                "Send at most %(count)s files.", count=ATTACHMENTS_MAX
            )
        files = []
        for upload in uploads:
            content = upload.read(ATTACHMENT_SIZE_MAX + 1)
            name = (upload.filename or "").rsplit("/", 1)[-1][:200]
            if len(content) > ATTACHMENT_SIZE_MAX:
                return [], request.env._(
                    "%(name)s is larger than %(size)s MB.",
                    name=name,
                    size=ATTACHMENT_SIZE_MAX // (1024 * 1024),
                )
            mimetype = self._sniff_mimetype(content, name)
            if mimetype not in ATTACHMENT_MIMETYPES:
                return [], request.env._(
                    "%(name)s is not a picture, a PDF or a text file.", name=name
                )
            files.append((name, content, mimetype))
        return files, None

    @staticmethod
    def _sniff_mimetype(content, name):
        """The type of a file from its content; a .txt file that is text is
        plain text (nothing else in it tells)."""
        mimetype = guess_mimetype(content)
        if mimetype == "application/octet-stream" and name.lower().endswith(".txt"):
            try:
                content.decode("utf-8")
            except UnicodeDecodeError:
                return mimetype
            return "text/plain"
        return mimetype

    def _attach_grievance_files(self, grievance, files):
        """Attach the checked files to the new grievance, and to it only,
        with an access token for the portal page."""
        if not files:
            return
        attachments = (
            request.env["ir.attachment"]
            .sudo()
            .create(
                [
                    {
                        "name": name,
                        "datas": base64.b64encode(content),
                        "mimetype": mimetype,
                        "res_model": GRIEVANCE_MODEL,
                        "res_id": grievance.id,
                    }
                    for name, content, mimetype in files
                ]
            )
        )
        attachments.generate_access_token()
