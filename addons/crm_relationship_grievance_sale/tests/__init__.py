from . import test_grievance_documents
from . import test_grievance_portal_attacks
from . import test_grievance_sale_portal
from . import test_grievance_sale_ui
from . import test_grievance_product_company
