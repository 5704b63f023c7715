"""Review: people's decisions on figures in, reviewed rows and an answer key out.

* ``schema``       the tables: reviewers, each figure's current review state, the
                   log of every decision (who, when, before, after)
* ``migrations/``  Alembic migrations of that schema; a store upgrades itself on open
* ``store``        accept, correct, reject, add, undo; refused when another
                   reviewer changed the figure since it was shown
* ``apply``        reviewed values over extracted rows; decisions whose span no
                   longer yields a row are listed as orphaned, never dropped
* ``answer_key``   accepted, corrected and added figures as gold JSONL
* ``reviewers``    who may decide: one local reviewer, or the operator's list

Decisions are keyed by document hash and span (``doc_id``, ``start``,
``end``), not by row order or rule, so they survive re-extraction.
"""
