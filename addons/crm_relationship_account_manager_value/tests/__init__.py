# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_assignment_value
from . import test_demo
from . import test_portfolio_value
from . import test_relationship_tab
