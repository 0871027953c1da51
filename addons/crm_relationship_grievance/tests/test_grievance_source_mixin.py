# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The grievance source mixin on a model of its own, loaded for the test."""

from odoo_test_helper import FakeModelLoader

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestGrievanceSourceMixin(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.loader = FakeModelLoader(cls.env, cls.__module__)
        cls.loader.backup_registry()
        # restored even when the set-up below fails
        cls.addClassCleanup(cls.loader.restore_registry)
        from .fake_models import (
            CrmRelationshipGrievance,
            CrmRelationshipGrievanceTestDocument,
        )

        cls.loader.update_registry(
            (CrmRelationshipGrievanceTestDocument, CrmRelationshipGrievance)
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Mixin Customer", "is_company": True}
        )
        cls.product = cls.env["product.product"].create({"name": "Mixin Product"})
        cls.documents = cls.env["crm.relationship.grievance.test.document"].create(
            [{"name": name, "partner_id": cls.customer.id} for name in ("A", "B", "C")]
        )
        cls.documents[0].product_id = cls.product
        cls.env["crm.relationship.grievance"].create(
            [
                {"name": f"About {doc.name}", "partner_id": cls.customer.id,
                 "test_document_id": doc.id}
                for doc in (cls.documents[0], cls.documents[0], cls.documents[1])
            ]
        )  # fmt: skip

    def test_count_per_document(self):
        self.assertEqual(self.documents.mapped("grievance_count"), [2, 1, 0])

    def test_count_queries_do_not_grow_with_the_batch(self):
        Document = self.env["crm.relationship.grievance.test.document"]
        many = Document.create([{"name": f"D{n}"} for n in range(30)])

        def queries(documents):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            documents._compute_grievance_count()
            return self.cr.sql_log_count - before

        self.assertEqual(queries(self.documents), queries(many))
        self.assertEqual(set(many.mapped("grievance_count")), {0})

    def test_quick_create_prefilled_from_the_document(self):
        document = self.documents[0]
        context = document.action_new_grievance()["context"]
        self.assertEqual(
            context,
            {
                "default_partner_id": self.customer.id,
                "default_test_document_id": document.id,
                "default_company_id": self.env.company.id,
                "default_product_ids": self.product.ids,
            },
        )
        grievance = (
            self.env["crm.relationship.grievance"]
            .with_context(**context)
            .create({"name": "Quick"})
        )
        self.assertEqual(grievance.test_document_id, document)
        self.assertEqual(grievance.product_ids, self.product)
        self.assertEqual(document.grievance_count, 3)

    def test_smart_button_lists_the_document_grievances(self):
        document = self.documents[1]
        action = document.action_view_grievances()
        self.assertEqual(action["domain"], [("test_document_id", "=", document.id)])
        self.assertEqual(
            self.env["crm.relationship.grievance"]
            .search(action["domain"])
            .mapped("name"),
            ["About B"],
        )
