from . import test_consent
from . import test_customer_profile
from . import test_ui
from . import test_object_buttons
