# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_assignment
from . import test_wizard
from . import test_portfolio
from . import test_ui
