# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


def written_labels(records, names, vals_list, create=False):
    """The labels of the fields among ``names`` that a create or write would
    set, as values or (on create) as ``default_*`` keys of the context."""
    context = records.env.context
    return sorted(
        records._fields[name].string
        for name in names
        if (create and f"default_{name}" in context)
        or any(name in vals for vals in vals_list)
    )
