# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_demo
from . import test_expiry
from . import test_loyalty_access
from . import test_portal
from . import test_tiers
from . import test_ui
