from . import crm_relationship_grievance_close
