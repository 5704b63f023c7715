"""Every store operation, on SQLite and on a PostgreSQL server on loopback."""
import pytest

from extractors.review.store import FigureKey, ReviewConflict, ReviewError, ReviewStore

KEY = FigureKey("d0c1d0c1d0c1d0c1", 120, 127)
MACHINE = {"raw_text": "4.6亿元", "value": 460000000.0, "unit": "CNY", "indicator": "gdp", "region": "甲县"}


@pytest.fixture
def store(database_url):
    return ReviewStore(database_url)


def test_a_first_decision_creates_the_state_and_its_history(store):
    state = store.decide(KEY, "accept", "ann", expected_version=0, machine=MACHINE)
    assert (state.status, state.version, state.updated_by, state.machine["raw_text"]) == ("accepted", 1, "ann", "4.6亿元")
    [decision] = store.history(KEY)
    assert (decision.action, decision.before["status"], decision.after["status"]) == ("accept", "unreviewed", "accepted")
    assert store.reviewers() == ["ann"]


def test_a_correction_keeps_before_and_after(store):
    store.decide(KEY, "accept", "ann", expected_version=0, machine=MACHINE)
    state = store.decide(KEY, "correct", "bob", expected_version=1, fields={"region": "乙区", "year": 2023})
    assert (state.status, state.fields, state.version) == ("corrected", {"region": "乙区", "year": 2023}, 2)
    assert [d.after["status"] for d in store.history(KEY)] == ["accepted", "corrected"]
    assert store.history(KEY)[1].before == {"status": "accepted", "fields": {}, "reason": ""}


def test_a_decision_on_a_figure_changed_since_it_was_shown_is_refused_with_the_current_state(store):
    store.decide(KEY, "accept", "ann", expected_version=0)
    with pytest.raises(ReviewConflict) as refused:
        store.decide(KEY, "reject", "bob", expected_version=0, reason="not a figure")
    assert (refused.value.current.status, refused.value.current.updated_by) == ("accepted", "ann")
    assert store.state(KEY).status == "accepted" and len(store.history(KEY)) == 1


def test_undo_takes_back_the_latest_decision_in_force_and_can_be_repeated(store):
    store.decide(KEY, "accept", "ann", expected_version=0)
    store.decide(KEY, "correct", "ann", expected_version=1, fields={"value": 470000000.0})
    assert store.undo(KEY, "ann", expected_version=2).status == "accepted"
    back = store.undo(KEY, "ann", expected_version=3)
    assert (back.status, back.version) == ("unreviewed", 4)
    assert [(d.action, d.undone_by is not None) for d in store.history(KEY)] == [
        ("accept", True), ("correct", True), ("undo", False), ("undo", False)]
    with pytest.raises(ReviewError, match="nothing to undo"):
        store.undo(KEY, "ann", expected_version=4)


def test_rejections_need_a_reason_and_corrections_only_correctable_fields(store):
    with pytest.raises(ReviewError, match="reason"):
        store.decide(KEY, "reject", "ann", expected_version=0)
    with pytest.raises(ReviewError, match="cannot set obs_id"):
        store.decide(KEY, "correct", "ann", expected_version=0, fields={"obs_id": "x"})
    with pytest.raises(ReviewError, match="unknown action"):
        store.decide(KEY, "delete", "ann", expected_version=0)
    with pytest.raises(ReviewError, match="reviewer"):
        store.decide(KEY, "accept", " ", expected_version=0)
    assert store.states() == []


def test_an_added_figure_and_states_by_document(store):
    other = FigureKey("ffffeeeeddddcccc", 5, 9)
    store.decide(other, "add", "ann", expected_version=0,
                 fields={"source_file": "b.txt", "raw_text": "320家", "value": 320, "unit": "count",
                         "indicator": "enterprise_count"})
    store.decide(KEY, "reject", "ann", expected_version=0, reason="a date, not a figure")
    assert [s.key for s in store.states()] == [KEY, other]
    assert [s.status for s in store.states(doc_id=other.doc_id)] == ["added"]


def test_reopening_the_store_keeps_everything_and_does_not_migrate_again(database_url):
    ReviewStore(database_url).decide(KEY, "accept", "ann", expected_version=0)
    again = ReviewStore(database_url)
    assert again.state(KEY).status == "accepted"


def test_the_revision_grows_with_every_decision(store):
    assert store.revision() == 0
    store.decide(KEY, "accept", "ann", expected_version=0)
    store.undo(KEY, "ann", expected_version=1)
    assert store.revision() == 2
