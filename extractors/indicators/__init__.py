"""Indicators: a quantity and the words around it in, the indicator it measures out.

* ``rules/*.yaml``  one file per indicator family: cue words, units, priority,
                    examples and negatives; ``fragments.yaml`` holds the named
                    fragments the cues are composed from, ``non_indicators.yaml``
                    what is not a figure, ``kinds.yaml`` targets, thresholds, labels
* ``rulebook``      loads and checks the rule files
* ``classify``      picks the rule whose cue is closest; vetoes and kinds
* ``measures``      the series inside the indicator (``catalog/measures.yaml``) from the subject
"""
