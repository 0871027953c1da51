# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Relationship - Grievances",
    "summary": "Complaints from every channel with SLA in working hours, "
    "escalation, portal, rating and analysis",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "author": "CRM Relationship contributors",
    "license": "LGPL-3",
    "depends": [
        "crm_relationship",
        "portal",
        "product",
        "rating",
        "resource",
        "sales_team",
    ],
    "data": [
        "security/crm_relationship_grievance_security.xml",
        "security/ir.model.access.csv",
        "data/mail_template_data.xml",
        "data/crm_relationship_grievance_data.xml",
        "data/ir_cron_data.xml",
        "wizard/crm_relationship_grievance_close_views.xml",
        "wizard/crm_relationship_grievance_config_views.xml",
        "views/crm_relationship_grievance_views.xml",
        "views/crm_relationship_grievance_stage_views.xml",
        "views/crm_relationship_grievance_category_views.xml",
        "views/crm_relationship_grievance_channel_views.xml",
        "views/crm_relationship_grievance_tag_views.xml",
        "views/crm_relationship_grievance_sla_views.xml",
        "views/crm_relationship_grievance_report_views.xml",
        "views/crm_relationship_grievance_portal_templates.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/crm_relationship_grievance_menus.xml",
    ],
    "demo": [
        "demo/crm_relationship_grievance_demo.xml",
    ],
    "auto_install": [
        "crm_relationship",
    ],
    "uninstall_hook": "uninstall_hook",
    "assets": {
        "web.assets_tests": [
            "crm_relationship_grievance/static/tests/tours/*.js",
        ],
    },
}
