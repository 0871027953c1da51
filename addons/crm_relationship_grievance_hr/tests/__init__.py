from . import test_grievance_escalation
