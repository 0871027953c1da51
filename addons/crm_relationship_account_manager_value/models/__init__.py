# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import crm_relationship_assignment_rule
from . import crm_relationship_partner_metrics
from . import res_company
from . import res_config_settings
from . import res_partner
from . import sale_order
