# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import (
    crm_relationship_loyalty_tier,
    crm_relationship_loyalty_tier_history,
    loyalty_point_track,
    loyalty_program,
    loyalty_history,
    loyalty_card,
    loyalty_reward,
    res_partner,
)
