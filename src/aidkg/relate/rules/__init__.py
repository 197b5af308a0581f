"""The relation rules, one module per family; the import order is the order rules run in
(within a module, the order they are written in; `after=` moves a rule behind others)."""
from . import structure, pairing, pairing_people, investment, location, people, funding, aid_lists, organising, tables  # noqa: F401
# last: what only a programme or the division tables say, where no rule reading the text said it
from . import programme, hierarchy  # noqa: F401,E402
