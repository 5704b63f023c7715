"""Periods: a figure's position in the page in, the year it refers to out.

* ``marks``  every year written on the page (2024年, 今年, 一季度, 十三五期末,
             第七次全国人口普查, 26日，…) with its role: fixes, start, target,
             comparison base, aside
* ``years``  the clause's year, a paragraph's, a heading's, a bulletin's or a
             census's year; relative years and parts of a year against the
             document date
* ``kinds``  which part of the resolved year a figure covers: the period
             (``2024``, ``2024H1``, ``2024M01-M05``, ``2019/2024``, ``2024-06-30``)
             from the words of ``period_words.yaml``
"""
