from . import test_consent
from . import test_customer_profile
from . import test_ui
from . import test_customer_value
from . import test_rfm_priority
from . import test_ui_value
from . import test_segment
