"""Tables: table lines of a page in, one row per numeric cell out.

* ``layouts``  tables as pages give them copied to text (| or tab cells, one
               cell a line with | lines between, columns aligned by spaces)
               -> rows of cells with their offsets
* ``cells``    row labels give the indicator (or, in a table of places, the
               title and column), headers the year and unit, place labels the region
* ``places``   which row labels name places within the article's area
* ``grid``     tables a reader kept as cells (HTML, Word, PDF), read on their grid
"""
