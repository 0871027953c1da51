from . import crm_relationship_partner_metrics
