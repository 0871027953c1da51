# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Relationship - Loyalty Tiers and Expiring Points",
    "summary": "Tiers, tier benefits and points that expire on Odoo's loyalty "
    "programs, with a per-award ledger",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "author": "CRM Relationship contributors",
    "license": "LGPL-3",
    "depends": [
        "crm_relationship",
        "loyalty",
    ],
    "data": [
        "security/crm_relationship_loyalty_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "data/mail_template_data.xml",
        "wizard/crm_relationship_loyalty_set_tier_views.xml",
        "views/crm_relationship_loyalty_tier_views.xml",
        "views/crm_relationship_loyalty_tier_history_views.xml",
        "views/loyalty_history_views.xml",
        "views/loyalty_program_views.xml",
        "views/loyalty_card_views.xml",
        "views/res_partner_views.xml",
        "views/portal_templates.xml",
        "report/crm_relationship_loyalty_membership_report_views.xml",
        "views/crm_relationship_loyalty_menus.xml",
    ],
    "demo": [
        "demo/crm_relationship_loyalty_demo.xml",
        "demo/crm_relationship_loyalty_card_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_relationship_loyalty/static/tests/tours/*.js",
        ],
    },
    "post_init_hook": "post_init_hook",
    "uninstall_hook": "uninstall_hook",
    "auto_install": ["crm_relationship"],
}
