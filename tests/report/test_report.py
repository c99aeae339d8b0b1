"""The report for the doctor: the first page answers, the HTML, the PDF read back, the charts."""

from __future__ import annotations

import re
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from backrelief.diary.models import EntryCreate, EntryPublic, EpisodePublic, Medicine, SavedAssessment
from backrelief.knowledge import load_knowledge
from backrelief.render.charts import flares_chart, medicines_chart, pain_chart
from backrelief.render.report import CLINICAL_LEVEL, Report, make_report, report_html, report_pdf

TODAY = date(2026, 11, 26)
EPISODE = EpisodePublic(id=1, started_on=date(2026, 11, 2), onset="sudden", trigger="moving_furniture",
                        how="lifting one end of a sofa")


def _entries() -> list[EntryPublic]:
    specs = [
        (datetime(2026, 11, 3, 8), 7, 9, 1, ("heat",), ("sitting",), (("ibuprofen", 400), ("ibuprofen", 400))),
        (datetime(2026, 11, 3, 20), 6, 8, 2, ("heat", "movement"), ("bending",), (("ibuprofen", 600),)),
        (datetime(2026, 11, 10, 8), 5, 6, 1, ("movement",), ("sitting",), (("paracetamol", 1000),)),
        (datetime(2026, 11, 24, 8), 3, 4, 0, ("movement",), ("sitting",), ()),
        (datetime(2026, 11, 25, 8), 2, 3, 0, (), (), ()),
    ]
    return [EntryPublic(id=i, episode_id=1, **EntryCreate.model_validate({
        "at": at, "pain_now": now, "pain_worst": worst, "flares": flares, "eased_by": list(eased),
        "worsened_by": list(worse), "medicines": [Medicine(name=n, dose_mg=mg) for n, mg in meds],
    }).model_dump()) for i, (at, now, worst, flares, eased, worse, meds) in enumerate(specs, start=1)]


def _assessment() -> SavedAssessment:
    return SavedAssessment(
        id=1, episode_id=1, created_at=datetime(2026, 11, 3, 9), knowledge_version="2026.11.1", disposition="routine",
        assessment={"age": 52, "severity": 7},
        triage={"disposition": "routine", "title": "Book a visit with a doctor or physio", "knowledge_version": "2026.11.1",
                "reasons": [{"rule": "age-over-50-new", "level": "routine", "reason": "New back pain after 50.",
                             "sources": ["NICE-NG59"]}]},
        plan={"now": [{"id": "keep-moving", "text": "Keep moving as much as you can.", "sources": ["NICE-NG59"]}]},
    )


@pytest.fixture
def report() -> Report:
    return make_report(_entries(), EPISODE, [_assessment()], TODAY)


def test_the_first_page_answers_the_doctors_questions_in_a_few_lines(report: Report) -> None:
    assert dict(report.headline) == {
        "When and how did it start?": "02 Nov 2026, 24 days ago, suddenly, after moving furniture: "
                                      "“lifting one end of a sofa”.",
        "How bad is it, and which way is it going?": "2/10 at the last entry (25 Nov). Average 2.5/10 over the last "
                                                     "7 days. Worst 9/10 on 03 Nov. Trend: improving faster than the "
                                                     "usual course.",
        "How often does it flare up?": "1.0 a week over the last 4 weeks; 4 in all.",
        "What eases it?": "movement (3 times), heat (2 times)",
        "What makes it worse?": "sitting (3 times), bending (1 time)",
        "Medicines: daily dose, times, limit": "Ibuprofen on 1 day, 1,400 mg a day on average, most 1,400 mg (daily "
                                               "limit 1,200 mg; over it on 1 day), usually at 08:00, 20:00; "
                                               "Paracetamol on 1 day, 1,000 mg a day on average, most 1,000 mg "
                                               "(daily limit 4,000 mg; never over it), usually at 08:00.",
        "Heat and ice": "Heat on 0 and ice or cold on 0 of the 4 days with entries.",
        "Warning signs recorded": "None recorded in the diary.",
        "Latest check": "03 Nov 2026: Routine GP or physiotherapy review advised.",
    }
    assert report.warnings == ("On 03 Nov 2026 you took 1400 mg of ibuprofen. That is more than the 1200 mg a day "
                               "limit. Talk to a pharmacist or doctor.",)


def test_the_html_carries_the_triage_reasons_plan_version_and_safety_lines(report: Report) -> None:
    html = report_html(report)
    k = load_knowledge()
    for text in ("Routine GP or physiotherapy review advised", "New back pain after 50.", "Keep moving as much as you can.",
                 f"knowledge version {k.version}", k.not_a_diagnosis, k.emergency_help, "[Costa-2012]"):
        assert text in html
    assert html.count("<svg") == 3


def test_a_diary_without_any_check_still_makes_a_report_that_says_so() -> None:
    html = report_html(make_report([], None, [], TODAY))
    assert "No check (assessment) saved yet." in html
    assert "No pain scores recorded in this period." in html


def test_the_date_range_limits_the_entries_shown() -> None:
    report = make_report(_entries(), EPISODE, [], TODAY, start=date(2026, 11, 20), end=date(2026, 11, 24))
    assert report.entry_count == 1
    assert dict(report.headline)["How bad is it, and which way is it going?"] == (
        "3/10 at the last entry (24 Nov). Worst 4/10 on 24 Nov. Trend: too few entries to tell.")


def test_the_pdf_reads_back_with_the_answers_on_its_first_page(report: Report, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(report_pdf(report))
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True,
                           text=True, check=True, timeout=60).stdout
    flat = re.sub(r"\s+", " ", first)
    assert "Back pain: summary for the doctor" in flat
    assert "2/10 at the last entry (25 Nov)" in flat
    assert "How often does it flare up?" in flat
    assert "Routine GP or physiotherapy review advised" in flat
    assert "Name:" in flat and "Pain each day against the usual course" in flat
    k = load_knowledge()
    assert " ".join(k.emergency_help.split()) in flat
    assert " ".join(k.not_a_diagnosis.split()) in flat
    everything = re.sub(r"\s+", " ", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                                   check=True, timeout=60).stdout)
    assert "Flare-ups per week" in everything
    assert "[Costa-2012]" in everything


def test_every_chart_has_a_title_and_a_description_in_words(report: Report) -> None:
    assert report.pain_svg.count("<title") == 1
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", report.pain_svg)
    assert desc is not None
    assert desc.group(1) == ("Daily pain from 03 Nov 2026 to 25 Nov 2026: it started at 6.5 out of 10 and was 2 on "
                             "the last day; the highest was 9. The dashed line is the average course after a new bout, "
                             "from 6.5 to 4.58.")
    flares = re.search(r"<desc[^>]*>(.*?)</desc>", report.flares_svg)
    assert flares is not None
    assert flares.group(1) == "4 flare-ups in 4 weeks, from 02 Nov 2026; the most in one week was 3."
    medicines = re.search(r"<desc[^>]*>(.*?)</desc>", report.medicines_svg)
    assert medicines is not None
    assert medicines.group(1) == ("Medicines (ibuprofen, paracetamol) on 2 days from 03 Nov 2026 to 10 Nov 2026. "
                                  "Over a daily limit on 1 day.")


def test_empty_charts_say_there_is_nothing_to_show() -> None:
    assert "No diary entries in this period." in pain_chart([])
    assert "No flare-ups recorded in this period." in flares_chart([])
    assert "No medicines recorded in this period." in medicines_chart([])


def test_a_diary_that_never_counted_flare_ups_does_not_chart_zero_flare_ups() -> None:
    entries = [EntryPublic(id=1, at=datetime(2026, 11, 3, 8), pain_now=5),
               EntryPublic(id=2, at=datetime(2026, 11, 4, 8), pain_now=4)]
    report = make_report(entries, EPISODE, [], TODAY)
    assert dict(report.headline)["How often does it flare up?"] == "Not recorded."
    assert "No flare-ups recorded in this period." in report.flares_svg


def test_both_safety_lines_stay_on_page_one_with_a_full_plan_and_warnings(tmp_path: Path) -> None:
    from backrelief.assessment import parse_assessment
    from backrelief.plan import make_plan
    from backrelief.triage import triage

    a = parse_assessment({"age": 46, "sex": "female", "pregnant": False, "region": "lower", "radiation": "buttock",
                          "leg_sides": "one", "severity": 7, "duration_days": 1, "onset": "sudden",
                          "trigger": "lifting", "findings": [], "history": []})
    t = triage(a)
    saved = SavedAssessment(id=1, episode_id=1, created_at=datetime(2026, 11, 3, 9), knowledge_version=t.knowledge_version,
                            disposition=t.disposition, assessment=a.to_public(), triage=t.to_public(),
                            plan=make_plan(a, t, date(2026, 11, 3)).model_dump(mode="json"))
    entries = [*_entries(), EntryPublic(id=9, at=datetime(2026, 11, 25, 20), pain_now=2, new_findings=("leg_numbness",))]
    report = make_report(entries, EPISODE, [saved], TODAY)
    assert len(report.prompts) == 1
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(report_pdf(report))
    first = " ".join(subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True,
                                    check=True, timeout=60).stdout.split())
    k = load_knowledge()
    assert " ".join(k.emergency_help.split()) in first
    assert " ".join(k.not_a_diagnosis.split()) in first
    assert f"Latest check 03 Nov 2026: {CLINICAL_LEVEL[t.disposition]}" in first
    assert "Warning signs recorded leg numbness (25 Nov 2026)." in first


def test_what_a_person_typed_is_shown_as_text_never_as_markup() -> None:
    entries = [EntryPublic(id=1, at=datetime(2026, 11, 25, 8), pain_now=3, notes="<script>alert(1)</script> & <b>x</b>")]
    html = report_html(make_report(entries, EpisodePublic(id=1, started_on=date(2026, 11, 20), how="<img src=x>"), [],
                                   TODAY))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;x&lt;/b&gt;" in html
    assert "&lt;img src=x&gt;" in html


def _pdf_pages(pdf: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True, timeout=60).stdout
    found = re.search(r"Pages:\s+(\d+)", info)
    assert found is not None
    return [" ".join(subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True,
                                    text=True, check=True, timeout=60).stdout.split())
            for n in range(1, int(found.group(1)) + 1)]


def _year_of_entries() -> list[EntryPublic]:
    start = datetime(2025, 11, 27, 8)
    out = []
    for i in range(365 * 2):
        at = start + timedelta(hours=12 * i)
        out.append(EntryPublic(id=i + 1, episode_id=1, at=at, pain_now=max(1, 8 - i // 90), pain_worst=9 - i // 100,
                               flares=i % 3, heat=i % 2 == 0, ice=i % 5 == 0, eased_by=("heat",), worsened_by=("sitting",),
                               medicines=(Medicine(name="ibuprofen", dose_mg=400, taken_at=at),),
                               new_findings=("leg_numbness",) if i == 400 else ()))
    return out


def test_a_year_of_entries_prints_in_three_pages_with_every_warning_sign_on_page_one(tmp_path: Path) -> None:
    episode = EpisodePublic(id=1, started_on=date(2025, 11, 25), onset="gradual", trigger="lifting", how="")
    report = make_report(_year_of_entries(), episode, [_assessment()], TODAY, patient_name="Sam Example")
    pdf = tmp_path / "year.pdf"
    pdf.write_bytes(report_pdf(report))
    pages = _pdf_pages(pdf)
    assert len(pages) <= 3
    first = pages[0]
    for text in ("Name: Sam Example", "When and how did it start? 25 Nov 2025", "slowly, after lifting",
                 "Warning signs recorded leg numbness (15 Jun 2026).", "Heat and ice Heat on",
                 "usually at 08:00, 20:00", "Latest check 03 Nov 2026: Routine GP or physiotherapy review advised",
                 "Pain each day against the usual course"):
        assert text in first, text
    # One figure for each measure: the 7-day average on page 1 is the trend's own.
    assert f"Average {report.trend.recent_pain:.1f}/10 over the last 7 days" in first
    assert f"Your pain in the last week was {report.trend.recent_pain:.1f} out of 10" in first


def test_the_pdf_is_tagged_in_english_with_a_title_and_reads_in_order(report: Report, tmp_path: Path) -> None:
    from pypdf import PdfReader

    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(report_pdf(report))
    reader = PdfReader(pdf)
    root: Any = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert str(root["/Lang"]).startswith("en")
    assert "/StructTreeRoot" in root
    assert reader.metadata is not None and reader.metadata.title and "report for the doctor" in reader.metadata.title
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    order = ["Back pain: summary for the doctor", "At a glance", "When and how did it start?", "Latest check",
             "Latest check, in detail", "Flare-ups per week", "The last 4 weeks, day by day"]
    where = [text.index(heading) for heading in order]
    assert where == sorted(where)


def test_the_html_report_has_landmarks_and_a_phone_width_layout(report: Report) -> None:
    html = report_html(report)
    assert '<html lang="en-GB">' in html and '<meta name="viewport"' in html
    for landmark in ("<header>", "<main>", 'aria-labelledby="summary-title"'):
        assert landmark in html


def test_the_report_shows_a_reason_with_what_was_unknown_as_the_person_saw_it() -> None:
    from backrelief.assessment import Assessment
    from backrelief.triage import triage

    answers = {"age": 55, "onset": "sudden", "findings": [], "history": []}
    t = triage(Assessment.model_validate(answers))
    saved = SavedAssessment(id=1, episode_id=1, created_at=datetime(2026, 11, 3, 9), knowledge_version=t.knowledge_version,
                            disposition=t.disposition, assessment=answers, triage=t.to_public(), plan={})
    html = report_html(make_report(_entries(), EPISODE, [saved], TODAY))
    assert "You did not tell us how the pain started or how bad the pain is, so we took the safer side." in html
