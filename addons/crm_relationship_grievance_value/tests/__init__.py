from . import test_grievance_priority
