"""Sources: each declares its entities (primary key, cursor) and yields rows."""
