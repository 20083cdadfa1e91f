"""`make drill`'s final check (bench/ledger.py), fed made-up records: it must catch a
lost save, and must not call a save lost when a later one replaced it."""

from __future__ import annotations

from bench.ledger import Ack, KeptAside, Stored, Tally, lost_saves, missing_asides

ENTRY = "entry 3f1c2a9e-0000-4000-8000-000000000001"


def ack(tab: str, text: str, sent: float, acked: float, counter: int | None = None) -> Ack:
    return Ack(tab, ENTRY, text, sent, acked, counter)


def test_a_last_acknowledged_save_the_database_does_not_hold_is_lost():
    first = ack("a", "One", 0.0, 0.1, 1)
    last = ack("a", "One two", 1.0, 1.1, 2)

    lost = lost_saves([first, last], {ENTRY: Stored("One")})

    assert lost == [last]


def test_a_save_of_a_thing_missing_from_the_database_is_lost():
    saved = ack("a", "One", 0.0, 0.1, 1)

    assert lost_saves([saved], {}) == [saved]


def test_a_save_replaced_by_a_later_one_from_another_tab_is_not_lost():
    mine = ack("a", "From A", 0.0, 0.1, 1)
    theirs = ack("b", "From B", 0.5, 0.6, 2)

    assert lost_saves([mine, theirs], {ENTRY: Stored("From B")}) == []


def test_counters_order_saves_whatever_the_replies_timing():
    # B's reply came last, but the server counted A's write after B's: A's text must win.
    theirs = ack("b", "From B", 0.0, 0.9, 1)
    mine = ack("a", "From A", 0.1, 0.2, 2)

    assert lost_saves([mine, theirs], {ENTRY: Stored("From B")}) == [mine]


def test_a_settled_conflict_without_a_counter_is_ordered_by_time():
    mine = ack("a", "From A", 0.0, 0.1, 3)
    settled = ack("b", "Both, combined", 0.5, 0.7)  # acknowledged after A's request left

    assert lost_saves([mine, settled], {ENTRY: Stored("Both, combined")}) == []
    assert lost_saves([mine, settled], {ENTRY: Stored("From A")}) == [settled]


def test_a_text_kept_aside_must_be_found_whole():
    kept = KeptAside("b", ENTRY, "B's words")

    found = Stored("A's words", frozenset({"B's words, and more"}))
    assert missing_asides([kept], {ENTRY: found}) == []
    assert missing_asides([kept], {ENTRY: Stored("A's words")}) == [kept]


def test_the_drill_fails_on_a_lost_save_a_duplicate_or_no_conflict():
    passing = Tally(conflicts=3, kills=6, restarts=1)
    assert passing.passed

    assert not Tally(conflicts=3, kills=6, restarts=1, lost=[ack("a", "x", 0, 1)]).passed
    assert not Tally(conflicts=3, kills=6, restarts=1, duplicated=1).passed
    assert not Tally(conflicts=0, kills=6, restarts=1).passed
    assert "lost" in passing.table() and "PASSED" in passing.table()
