# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Relationship - Grievances by Customer Priority",
    "summary": "The customer's priority level raises the grievance priority "
    "and picks its SLA",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "author": "CRM Relationship contributors",
    "license": "LGPL-3",
    "depends": [
        "crm_relationship_grievance",
        "crm_relationship_value",
    ],
    "data": [
        "views/crm_relationship_grievance_views.xml",
    ],
    "auto_install": True,
}
