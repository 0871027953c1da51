# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Relationship - Delivery Priority",
    "summary": "Deliveries of Priority and Key customers are urgent",
    "version": "18.0.1.1.0",
    "category": "Inventory/Delivery",
    "author": "CRM Relationship contributors",
    "license": "LGPL-3",
    "depends": [
        "crm_relationship_value",
        "sale_stock",
    ],
    "data": [
        "views/stock_picking_views.xml",
    ],
    "auto_install": True,
}
