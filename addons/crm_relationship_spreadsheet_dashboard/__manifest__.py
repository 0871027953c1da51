# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Relationship - Dashboard",
    "summary": "A Customer Relationship dashboard in the Dashboards app: value "
    "by segment, priority, quadrant, grievances and SLA",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "author": "CRM Relationship contributors",
    "license": "LGPL-3",
    "depends": [
        "spreadsheet_dashboard",
        "crm_relationship_value",
        "crm_relationship_grievance",
    ],
    "data": [
        "data/dashboards.xml",
    ],
    "auto_install": True,
    "assets": {
        "web.assets_tests": [
            "crm_relationship_spreadsheet_dashboard/static/tests/tours/*.js",
        ],
    },
}
