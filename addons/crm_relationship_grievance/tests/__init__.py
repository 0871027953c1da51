from . import test_grievance
from . import test_grievance_mail
from . import test_grievance_portal
from . import test_grievance_sla
from . import test_grievance_report
from . import test_grievance_ui
from . import test_grievance_source_mixin
from . import test_grievance_demo
