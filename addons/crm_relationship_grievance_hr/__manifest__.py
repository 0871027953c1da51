# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Relationship - Grievance Escalation to Managers",
    "summary": "SLA breaches escalate to the responsible's manager in Employees",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "author": "CRM Relationship contributors",
    "license": "LGPL-3",
    "depends": [
        "crm_relationship_grievance",
        "hr",
    ],
    "auto_install": True,
}
