# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every ``<button type="object">`` of the family's views, clicked as the web
client clicks it: ``/web/dataset/call_button`` over HTTP, as the admin, with
the ids the client sends.

The buttons are discovered, not listed: the views whose XML id belongs to an
add-on of the family (``crm_relationship*``) are read, their object buttons
found in the view they end up in (an extension view's button lands in its
root view), and, depending on where the button sits:

- in a list's ``<header>`` with ``display="always"``: called with no id (the
  user clicked it without selecting anything);
- in a list's ``<header>`` otherwise: called with the ids of a few records;
- anywhere else (form, kanban card, list row): called with one record, one
  on which the button's ``invisible`` is false (the client would not show it
  otherwise).

A server error (a ``TypeError`` from an ``@api.model`` method that receives
ids, an access error, a ``UserError`` on a record where the button shows)
fails the test; an action or ``False`` in return is what the client expects.
"""

from lxml import etree

from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools.safe_eval import safe_eval

FAMILY_PREFIX = "crm_relationship"
CANDIDATES = 40  # records tried per model to find one showing the button


@tagged("post_install", "-at_install")
class TestObjectButtons(HttpCase):
    def setUp(self):
        super().setUp()
        self.admin = self.env.ref("base.user_admin")
        self.env = self.env(user=self.admin)
        self.authenticate("admin", "admin")

    # -- discovery ---------------------------------------------------------
    def _family_views(self):
        modules = (
            self.env["ir.module.module"]
            .sudo()
            .search(
                [("name", "=like", f"{FAMILY_PREFIX}%"), ("state", "=", "installed")]
            )
        )
        data = (
            self.env["ir.model.data"]
            .sudo()
            .search(
                [("model", "=", "ir.ui.view"), ("module", "in", modules.mapped("name"))]
            )
        )
        return self.env["ir.ui.view"].sudo().browse(data.mapped("res_id")).exists()

    def _discover(self):
        """``[(view xml id, model, method, placement element)]``."""
        found = []
        for view in self._family_views():
            own = etree.fromstring(view.arch_db.encode())
            names = {
                b.get("name")
                for b in own.iter("button")
                if b.get("type") == "object" and b.get("name")
            }
            if not names:
                continue
            root = view
            while root.mode == "extension" and root.inherit_id:
                root = root.inherit_id
            model = self.env[root.model]
            arch = model.get_views([(root.id, root.type)])["views"][root.type]["arch"]
            for button in etree.fromstring(arch.encode()).iter("button"):
                if button.get("type") == "object" and button.get("name") in names:
                    found.append(
                        (
                            view.xml_id,
                            self._button_model(root.model, button),
                            button.get("name"),
                            button,
                        )
                    )
        return found

    def _button_model(self, model_name, button):
        """The model of the records the button acts on: a button inside a
        sub-view of a relational field acts on the field's comodel."""
        fields_on_path = [
            el.get("name")
            for el in reversed(list(button.iterancestors()))
            if el.tag == "field"
        ]
        for fname in fields_on_path:
            model_name = self.env[model_name]._fields[fname].comodel_name
        return model_name

    # -- records -----------------------------------------------------------
    def _candidates(self, model_name):
        Model = self.env[model_name]
        if Model._transient:
            return Model.create({})
        records = Model.search([], limit=CANDIDATES, order="id desc")
        if "active" in Model._fields:
            records |= Model.with_context(active_test=False).search(
                [("active", "=", False)], limit=5
            )
        return records

    def _eval_context(self, record):
        values = record.read(list(record._fields))[0]
        context = {"context": {}, "uid": self.admin.id, "parent": {}}
        for fname, value in values.items():
            field = record._fields[fname]
            if field.type == "many2one":
                value = value and value[0]
            context[fname] = value
        return context

    def _visible(self, button, record):
        expr = button.get("invisible")
        if not expr:
            return True
        try:
            return not safe_eval(expr, self._eval_context(record))
        except Exception:  # an expression on fields the client has: shown
            return True

    def _ids_for(self, button, model_name):
        """The ids the client sends, or None when no record shows it."""
        header = next((a for a in button.iterancestors() if a.tag == "header"), None)
        if header is not None and header.getparent().tag == "list":
            if button.get("display") == "always":
                return []
            return self._candidates(model_name)[:3].ids or None
        for record in self._candidates(model_name):
            if self._visible(button, record):
                return [record.id]
        return None

    # -- the check ---------------------------------------------------------
    def test_every_object_button_answers(self):
        buttons = self._discover()
        self.assertTrue(buttons, "no object button found in the family's views")
        methods = {(model, name) for _xmlid, model, name, _el in buttons}
        if "crm.relationship.partner.metrics" in self.env:
            # the buttons the issue was about are found, not listed by hand
            self.assertIn(
                ("crm.relationship.partner.metrics", "action_recompute_full"), methods
            )
        called, failures, not_shown = 0, [], []
        for xmlid, model_name, method, button in buttons:
            ids = self._ids_for(button, model_name)
            if ids is None:
                not_shown.append(f"{xmlid}: {model_name}.{method}")
                continue
            try:
                self.make_jsonrpc_request(
                    f"/web/dataset/call_button/{model_name}/{method}",
                    {
                        "model": model_name,
                        "method": method,
                        "args": [ids],
                        "kwargs": {
                            "context": {
                                "lang": "en_US",
                                "tz": "UTC",
                                "uid": self.admin.id,
                                "allowed_company_ids": self.admin.company_ids.ids,
                            }
                        },
                    },
                )
                called += 1
            except JsonRpcException as error:
                failures.append(
                    f"{xmlid}: {model_name}.{method}({ids}): {str(error)[:300]}"
                )
        self.assertFalse(failures, "buttons crash:\n" + "\n".join(failures))
        self.assertFalse(
            not_shown,
            "no record shows these buttons (add data or fix the check):\n"
            + "\n".join(not_shown),
        )
        self.assertEqual(called, len(buttons))
