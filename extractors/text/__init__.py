"""Text: bytes in, a ``Document`` with articles and sentences out.

* ``encoding``    bytes -> text (UTF-8/16, GB18030, Big5, ...) and the same-length
                  normalised view (full-width digits, traditional characters)
* ``line_kinds``  what one line of a page is: headline, byline, caption, contents
* ``layout``      lines -> articles of a page (``page_lines``: a line's working state
                  and roles; ``heads``: which run of short lines starts an article, its title)
* ``sentences``   articles -> sentences, with a map back to document offsets
* ``documents``   the whole step, and the folder manifest (title, date, url)

Knows nothing of numbers, regions or indicators.
"""
