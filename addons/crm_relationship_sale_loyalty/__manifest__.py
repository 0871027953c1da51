# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Relationship - Loyalty Tiers on Sales Orders",
    "summary": "Tier multipliers, qualifying spend, returns, tier-only rewards "
    "and tier pricelists on sales orders",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "author": "CRM Relationship contributors",
    "license": "LGPL-3",
    "depends": [
        "crm_relationship_loyalty",
        "sale_loyalty",
    ],
    "data": [
        "security/ir.model.access.csv",
        "views/loyalty_card_views.xml",
    ],
    "auto_install": True,
}
