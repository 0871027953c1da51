# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_demo, test_expiry, test_loyalty_access, test_portal, test_tiers, test_ui
