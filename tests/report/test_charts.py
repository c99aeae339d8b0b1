"""The charts read as XML: every line, bar and word at least 3:1 against the white page, and
the medicines chart names each medicine in its own row."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta

from backrelief.diary import insights
from backrelief.diary.models import EntryCreate, Medicine
from backrelief.render.charts import flares_chart, medicines_chart, pain_chart

SVG = "{http://www.w3.org/2000/svg}"


def contrast_with_white(colour: str) -> float:
    hex_digits = colour.lstrip("#")
    if len(hex_digits) == 3:
        hex_digits = "".join(c * 2 for c in hex_digits)
    channels = [int(hex_digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def entries() -> list[EntryCreate]:
    start = datetime(2026, 11, 2, 9)
    return [EntryCreate(at=start + timedelta(days=n), pain_now=max(0, 7 - n // 3), pain_worst=min(10, 8 - n // 4),
                        flares=n % 3, medicines=(Medicine(name="ibuprofen", dose_mg=1600 if n == 4 else 400),
                                                 *((Medicine(name="paracetamol", dose_mg=1000),) if n % 2 else ())))
            for n in range(20)]


def charts() -> list[str]:
    diary = entries()
    trend = insights.pain_trend(diary, date(2026, 11, 2), date(2026, 11, 21))
    return [pain_chart(trend.days), flares_chart(insights.flares_per_week(diary)),
            medicines_chart(insights.medicine_days(diary))]


def test_every_colour_in_the_charts_is_at_least_3_to_1_against_white() -> None:
    used: set[str] = set()
    for chart in charts():
        for element in ET.fromstring(chart).iter():
            used |= {element.get(a, "") for a in ("stroke", "fill")} - {"", "none"}
    assert used and all(re.fullmatch(r"#[0-9a-f]{3}|#[0-9a-f]{6}", c) for c in used), used
    assert {c: round(contrast_with_white(c), 2) for c in used if contrast_with_white(c) < 3} == {}


def test_the_worst_pain_line_differs_from_the_average_by_more_than_colour() -> None:
    lines = ET.fromstring(charts()[0]).findall(f"{SVG}polyline")
    dashes = [line.get("stroke-dasharray") for line in lines]
    assert len(set(dashes)) == len(lines) == 3  # worst dotted, expected dashed, average solid


def test_the_medicines_chart_names_each_medicine_in_its_own_row() -> None:
    chart = ET.fromstring(charts()[2])
    words = [t.text for t in chart.iter(f"{SVG}text")]
    assert "ibuprofen: share of 1200 mg a day" in words
    assert "paracetamol: share of 4000 mg a day" in words
    assert "ibuprofen, paracetamol" in (chart.find(f"{SVG}desc").text or "")  # type: ignore[union-attr]


def test_a_medicine_without_a_known_limit_is_charted_in_milligrams() -> None:
    diary = [EntryCreate(at=datetime(2026, 11, 2 + n, 9), pain_now=4, medicines=(Medicine(name="herbal tea", dose_mg=50),))
             for n in range(3)]
    words = [t.text for t in ET.fromstring(medicines_chart(insights.medicine_days(diary))).iter(f"{SVG}text")]
    assert "herbal tea: mg a day (no known limit)" in words

