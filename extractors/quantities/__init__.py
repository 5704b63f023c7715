"""Quantities: a sentence in, numbers with their unit and qualifier out.

* ``numbers``  numerals of every form (``1.6万余``, ``五分之一``, ``九成``) -> value, qualifier
* ``units``    unit words -> base units and scales
* ``finder``   the quantities of a sentence, each a ``Quantity`` with offsets

Knows no indicator and no region.
"""
