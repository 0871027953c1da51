from . import crm_relationship_grievance_close
from . import crm_relationship_grievance_config
