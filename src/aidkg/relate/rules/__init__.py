"""The relation rules, one module per family; the import order is the order rules run in
(within a module, the order they are written in; `after=` moves a rule behind others)."""
from . import structure, pairing, programme, pairing_people, investment, location, people, funding, organising, tables  # noqa: F401
