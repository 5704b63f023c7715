"""Periods: a figure's position in the page in, the year it refers to out.

* ``years``  the clause's year, a heading's or bulletin title's year, relative
             years (``今年``, ``去年``) against the document date
"""
