# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Relationship",
    "summary": "Customer profile, communication preferences and consent with "
    "its history, on the partner",
    "version": "18.0.2.0.0",
    "category": "Sales/CRM",
    "author": "CRM Relationship contributors",
    "license": "LGPL-3",
    "application": True,
    "depends": [
        "contacts",
        "mail",
    ],
    "data": [
        "security/crm_relationship_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "views/crm_relationship_consent_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/crm_relationship_menus.xml",
    ],
    "demo": [
        "demo/res_partner_demo.xml",
        "demo/crm_relationship_customer_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_relationship/static/tests/tours/*.js",
        ],
    },
}
