"""The local endpoint's state, one module per resource family.

Each family (:mod:`.connectors`, :mod:`.profiles`, :mod:`.flows`, :mod:`.runs`, :mod:`.tags`,
:mod:`.entities`) keeps its records and answers its operations; what every family shares
lives once: the error answer and the effect log (:mod:`._common`), page tokens
(:mod:`._paging`) and clientToken replay (:mod:`._idempotency`). Saving and loading the state
is :mod:`appflow_typed.testing._persistence`; :class:`appflow_typed.testing._state.Store`
puts the families together behind one lock.
"""
