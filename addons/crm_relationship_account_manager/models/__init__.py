# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import crm_relationship_assignment_rule
from . import crm_relationship_account_manager
from . import crm_relationship_account_manager_history
from . import crm_team
from . import crm_team_member
from . import res_partner
from . import res_users
