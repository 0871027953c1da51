from . import test_customer_value
from . import test_demo
from . import test_quadrant_threshold
from . import test_rfm_priority
from . import test_segment
from . import test_segment_company
from . import test_ui_value
from . import test_value_access
