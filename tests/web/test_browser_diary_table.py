"""The diary's entries table in Debian's Chromium: at 360 px each entry is a stack whose cells
name their columns, with Edit and Delete on the screen; at 1280 px it is a plain table. axe-core
finds nothing serious or critical at either width."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.web.browser import Session
from tests.web.test_browser import assert_accessible

pytestmark = pytest.mark.browser

LONG_NOTE = "Stiff getting out of bed, eased after a warm shower and a slow walk to the shops and back again"


def _write_entries(s: Session) -> None:
    s.go("/diary")
    if s.page.locator("table.stacked-table tbody tr").count() >= 2:
        return  # the module's server keeps what an earlier test wrote
    for days_ago, pain in ((2, "7"), (1, "5")):
        s.go("/diary")
        s.page.get_by_label("Date", exact=True).fill((date.today() - timedelta(days=days_ago)).isoformat())
        s.page.get_by_label("Pain now").fill(pain)
        s.page.get_by_text("More details (optional)").click()
        s.page.get_by_label("Notes").fill(LONG_NOTE)
        s.page.get_by_role("button", name="Save entry").click()
    s.go("/diary")


def _inside_the_screen(s: Session, selector: str) -> None:
    width = s.page.evaluate("document.documentElement.clientWidth")
    links = s.page.locator(selector)
    assert links.count() >= 2
    for i in range(links.count()):
        box = links.nth(i).bounding_box()
        assert box is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (selector, i, box, width)


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_every_entrys_edit_and_delete_are_on_the_screen_and_nothing_is_wider_than_it(
        size: str, request: pytest.FixtureRequest) -> None:
    s: Session = request.getfixturevalue(size)
    _write_entries(s)
    rows = s.page.locator("table.stacked-table tbody tr")
    assert rows.count() >= 2
    _inside_the_screen(s, "table.stacked-table td.actions a:text('Edit')")
    _inside_the_screen(s, "table.stacked-table td.actions a:text('Delete')")
    assert s.page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    table_scrolls = s.page.evaluate(
        "(() => { const w = document.querySelector('.table-wrap'); return w.scrollWidth > w.clientWidth; })()")
    assert not table_scrolls, "the entries must be readable without scrolling sideways"
    assert_accessible(s)


def test_on_a_phone_each_entry_is_a_stack_whose_cells_name_their_columns(phone: Session) -> None:
    s = phone
    _write_entries(s)
    first = s.page.locator("table.stacked-table tbody tr").first
    labels = first.locator("td[data-label]").evaluate_all(
        "cells => cells.map(c => getComputedStyle(c, '::before').content)")
    assert labels == ['"When: "', '"Pain now: "', '"Worst: "', '"Notes: "']
    # One cell under the other: the pain sits below the date, not beside it.
    when = first.locator("td[data-label='When']").bounding_box()
    pain = first.locator("td[data-label='Pain now']").bounding_box()
    assert when is not None and pain is not None and pain["y"] >= when["y"] + when["height"] - 1
    # The column names stay in the table for a screen reader.
    expect(s.page.get_by_role("columnheader", name="Pain now")).to_have_count(1)


def test_on_a_laptop_the_entries_are_a_table_with_its_header_row_showing(desktop: Session) -> None:
    s = desktop
    _write_entries(s)
    expect(s.page.locator("table.stacked-table thead th").first).to_be_visible()
    first = s.page.locator("table.stacked-table tbody tr").first
    when = first.locator("td[data-label='When']").bounding_box()
    pain = first.locator("td[data-label='Pain now']").bounding_box()
    assert when is not None and pain is not None and abs(pain["y"] - when["y"]) < 2  # side by side
    labels = first.locator("td[data-label]").evaluate_all(
        "cells => cells.map(c => getComputedStyle(c, '::before').content)")
    assert set(labels) == {"none"}


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_downloaded_html_report_has_landmarks_and_fits_the_screen(size: str, request: pytest.FixtureRequest) -> None:
    from backrelief.render.report import make_report, report_html
    from tests.report.test_report import EPISODE, TODAY, _assessment, _entries

    s: Session = request.getfixturevalue(size)
    s.page.set_content(report_html(make_report(_entries(), EPISODE, [_assessment()], TODAY)))
    for role in ("banner", "main"):
        expect(s.page.get_by_role(role)).to_have_count(1)
    # The day-by-day table scrolls in its own box; the page itself is never wider than the screen.
    assert s.page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert s.axe() == []
