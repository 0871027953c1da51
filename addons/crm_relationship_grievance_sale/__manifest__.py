# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Relationship - Grievances on Sales",
    "summary": "Grievances about sales orders and invoices, complaints per "
    "100 orders by product",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "author": "CRM Relationship contributors",
    "license": "LGPL-3",
    "depends": [
        "crm_relationship_grievance",
        "sale",
    ],
    "data": [
        "security/crm_relationship_grievance_sale_security.xml",
        "security/ir.model.access.csv",
        "views/crm_relationship_grievance_views.xml",
        "views/crm_relationship_grievance_product_report_views.xml",
        "views/crm_relationship_grievance_portal_templates.xml",
        "views/sale_order_views.xml",
        "views/account_move_views.xml",
        "views/crm_relationship_grievance_sale_menus.xml",
    ],
    "auto_install": True,
    "uninstall_hook": "uninstall_hook",
    "assets": {
        "web.assets_tests": [
            "crm_relationship_grievance_sale/static/tests/tours/*.js",
        ],
    },
}
