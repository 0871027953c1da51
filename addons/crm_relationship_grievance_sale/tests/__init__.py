from . import test_grievance_documents
from . import test_grievance_sale_portal
from . import test_grievance_sale_ui
