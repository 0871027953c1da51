"""crm-bridge: keep an external CRM and Odoo in step over RPC."""

__version__ = "0.1.0"
