"""Page numbers on keyset pages (issue 23): "Page 2 of 3", numbered links, the filters kept."""

from __future__ import annotations

from django.test import RequestFactory

from portal.pagination import page_numbers


def _numbers(query: str = "", **kwargs):
    request = RequestFactory().get(f"/recruits/?{query}")
    return page_numbers(request, **kwargs)


def test_the_first_page_of_three_links_to_the_second_and_keeps_the_filters() -> None:
    numbers = _numbers("status=employed", size=50, next_cursor="abc", total=120)
    assert numbers.summary == "Page 1 of 3"
    assert numbers.previous_query is None
    assert numbers.next_query == "status=employed&after=abc&page=2"
    assert [(link.number, link.current) for link in numbers.links] == [(1, True), (2, False), (None, False)]


def test_a_middle_page_links_back_to_the_first_and_on_to_the_next() -> None:
    numbers = _numbers("status=employed&after=abc&page=2", size=50, next_cursor="def", total=120)
    assert numbers.summary == "Page 2 of 3"
    assert numbers.previous_query == "status=employed"
    assert numbers.next_query == "status=employed&after=def&page=3"
    assert [link.number for link in numbers.links] == [1, 2, 3]


def test_the_last_page_has_no_next_link_and_its_number_is_the_count() -> None:
    numbers = _numbers("after=def&page=3", size=50, next_cursor=None, previous_cursor="ghi", total=120)
    assert numbers.summary == "Page 3 of 3" and numbers.next_query is None
    assert numbers.previous_query == "before=ghi&page=2"
    assert [link.number for link in numbers.links] == [1, 2, 3]


def test_without_a_previous_cursor_a_later_page_links_to_the_first_across_a_gap() -> None:
    numbers = _numbers("after=x&page=5", size=25, next_cursor="y")
    assert numbers.summary == "Page 5" and numbers.previous_query is None
    assert [link.number for link in numbers.links] == [1, None, 5, 6, None]


def test_a_capped_count_reads_more_than() -> None:
    numbers = _numbers(size=25, next_cursor="y", total=25 * 50 + 1, capped_pages=50)
    assert numbers.summary == "Page 1 of more than 50"


def test_a_forged_page_number_does_not_break_the_page() -> None:
    assert _numbers("page=abc", size=50, next_cursor="y", total=60).summary == "Page 1 of 2"
    assert _numbers("after=x&page=-4", size=50, next_cursor=None, total=60).summary == "Page 2 of 2"
    assert not _numbers(size=50, next_cursor=None, total=3).shown
