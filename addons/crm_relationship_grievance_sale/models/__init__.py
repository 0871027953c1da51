from . import crm_relationship_grievance
from . import sale_order
from . import account_move
