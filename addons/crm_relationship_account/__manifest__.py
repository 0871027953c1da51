# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Relationship - Accounting",
    "summary": "Receivable, overdue amount, days to pay, credit limit and the "
    "accounting contact on the Relationship tab, for invoicing users",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "author": "CRM Relationship contributors",
    "license": "LGPL-3",
    "depends": [
        "crm_relationship",
        "account",
    ],
    "data": [
        "views/res_partner_views.xml",
    ],
    "auto_install": True,
    "assets": {
        "web.assets_tests": [
            "crm_relationship_account/static/tests/tours/*.js",
        ],
    },
}
