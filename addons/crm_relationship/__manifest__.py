# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Relationship",
    "summary": "Customer profile, consent, segmentation, loyalty, priority "
    "customers, grievances and account managers on the partner",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/crm-relationship/crm-relationship",
    "author": "CRM Relationship contributors",
    "license": "LGPL-3",
    "application": True,
    "depends": [
        "contacts",
        "mail",
        "sale_management",
        "loyalty",
    ],
    "data": [
        "security/crm_relationship_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "data/ir_cron_value_data.xml",
        "data/crm_relationship_rfm_segment_data.xml",
        "views/crm_relationship_consent_views.xml",
        "views/res_partner_views.xml",
        "views/crm_relationship_partner_metrics_views.xml",
        "views/crm_relationship_rfm_segment_views.xml",
        "views/crm_relationship_priority_rule_views.xml",
        "views/crm_relationship_segment_views.xml",
        "views/res_partner_value_views.xml",
        "views/sale_order_priority_views.xml",
        "views/res_config_settings_views.xml",
        "views/crm_relationship_menus.xml",
    ],
    "demo": [
        "demo/res_partner_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_relationship/static/tests/tours/*.js",
        ],
    },
}
