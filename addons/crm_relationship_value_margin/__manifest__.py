# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Relationship - Value with Sales Margin",
    "summary": "Customer margin from the margin of Sales Margin, at the cost "
    "of the order's date",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "author": "CRM Relationship contributors",
    "license": "LGPL-3",
    "depends": [
        "crm_relationship_value",
        "sale_margin",
    ],
    "auto_install": True,
}
