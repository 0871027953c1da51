# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Relationship - Customer Priority from Loyalty Tiers",
    "summary": "A priority-rule type 'loyalty tier': Platinum members become "
    "Key customers, so SLAs, deliveries and offers follow the tier",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "author": "CRM Relationship contributors",
    "license": "LGPL-3",
    "depends": [
        "crm_relationship_loyalty",
        "crm_relationship_value",
    ],
    "data": [
        "views/crm_relationship_priority_rule_views.xml",
    ],
    "auto_install": True,
}
