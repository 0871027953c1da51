"""Development harness: throwaway PostgreSQL, a located Odoo, test tiers."""
