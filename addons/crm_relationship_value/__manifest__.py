# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Relationship - Value and Segments",
    "summary": "Customer value, RFM, loyalty x profitability, rule-based "
    "segments with history and priority customers",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "author": "CRM Relationship contributors",
    "license": "LGPL-3",
    "depends": [
        "crm_relationship",
        "crm_relationship_account",
        "sale",
    ],
    "data": [
        "security/crm_relationship_value_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_value_data.xml",
        "data/crm_relationship_rfm_segment_data.xml",
        "wizard/crm_relationship_value_config_views.xml",
        "views/crm_relationship_partner_metrics_views.xml",
        "views/crm_relationship_rfm_segment_views.xml",
        "views/crm_relationship_priority_rule_views.xml",
        "views/crm_relationship_segment_views.xml",
        "views/res_partner_value_views.xml",
        "views/sale_order_priority_views.xml",
        "views/res_config_settings_views.xml",
        "views/crm_relationship_value_menus.xml",
    ],
    "demo": [
        "demo/crm_relationship_value_demo.xml",
    ],
    "post_init_hook": "post_init_hook",
    "auto_install": [
        "crm_relationship",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_relationship_value/static/tests/tours/*.js",
        ],
    },
}
