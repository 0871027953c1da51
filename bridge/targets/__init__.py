"""Export targets: where Odoo's view of the synced customers goes."""
