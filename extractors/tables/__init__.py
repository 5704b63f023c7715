"""Tables: table lines of a page in, one row per numeric cell out.

* ``cells``  row labels give the indicator, headers the year and unit
"""
