# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Relationship - Account Managers",
    "summary": "Customers allocated to account managers by rules, balanced "
    "by capacity, with bulk reassignment and history",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "author": "CRM Relationship contributors",
    "license": "LGPL-3",
    "depends": [
        "crm_relationship",
        "sales_team",
    ],
    "data": [
        "security/crm_relationship_account_manager_security.xml",
        "security/ir.model.access.csv",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "wizard/crm_relationship_account_manager_assign_views.xml",
        "views/crm_relationship_assignment_rule_views.xml",
        "views/crm_relationship_account_manager_views.xml",
        "views/crm_relationship_account_manager_history_views.xml",
        "views/res_partner_views.xml",
        "views/crm_relationship_account_manager_menus.xml",
    ],
    "demo": [
        "demo/crm_relationship_account_manager_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_relationship_account_manager/static/tests/tours/*.js",
        ],
    },
    "auto_install": ["crm_relationship"],
    "uninstall_hook": "uninstall_hook",
}
