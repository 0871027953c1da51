from . import crm_relationship_consent
from . import res_partner
