# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Relationship - Account Managers by Value",
    "summary": "Assignment rules on segments and priority, load weighted by "
    "priority, portfolio value, quotations in the handover",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "author": "CRM Relationship contributors",
    "license": "LGPL-3",
    "depends": [
        "crm_relationship_account_manager",
        "crm_relationship_value",
    ],
    "data": [
        "security/crm_relationship_account_manager_value_security.xml",
        "views/crm_relationship_assignment_rule_views.xml",
        "views/crm_relationship_partner_metrics_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": [
        "demo/crm_relationship_account_manager_value_demo.xml",
    ],
    "auto_install": True,
}
