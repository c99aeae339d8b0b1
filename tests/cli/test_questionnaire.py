"""The terminal questions, answered through a pipe as a person would type them."""

from __future__ import annotations

from backrelief.interview import field_questions, screen_questions
from tests.cli.conftest import Run


def _answers_for_simple_spasm() -> str:
    """Every screen question 'no', then age 35, male, lifting, lower back, no spread ..."""
    fields = {"age": "35", "sex": "2", "trigger": "1", "region": "1", "radiation": "1", "severity": "5",
              "duration_days": "2", "onset": "1", "episodes_last_year": "0", "worsens": "4", "eases": "2"}
    red = [q for q in screen_questions() if q.red_flag and q.asks == "finding"]
    red_history = [q for q in screen_questions() if q.red_flag and q.asks == "history"]
    other = [q for q in screen_questions() if not q.red_flag]
    lines = ["no"] * (len(red) + len(red_history))
    lines += [fields[q.id] for q in field_questions() if q.id in fields]
    lines += ["no"] * len(other)
    return "\n".join(lines) + "\nn\n"


def test_answering_no_to_every_warning_sign_ends_in_self_care(backrelief: Run) -> None:
    done = backrelief("assess", input=_answers_for_simple_spasm())
    assert done.returncode == 0, done.stderr
    assert "You can look after this at home" in done.stdout
    assert "a strained back muscle" in done.stdout
    assert "Not asked yet" not in done.stdout


def test_a_yes_to_saddle_numbness_stops_the_questions_and_shows_the_emergency(backrelief: Run) -> None:
    done = backrelief("assess", input="yes\n")
    assert done.returncode == 0, done.stderr
    assert "Stopping the questions" in done.stdout
    assert "EMERGENCY" in done.stdout
    assert "Since the pain began, have you had new trouble peeing" not in done.stdout


def test_not_sure_gets_a_clarifying_question(backrelief: Run) -> None:
    done = backrelief("assess", input="not sure\n")
    assert "Let us ask it another way." in done.stdout
    assert "When you wipe yourself after using the toilet" in done.stdout


def test_every_question_offers_not_sure(backrelief: Run) -> None:
    done = backrelief("assess", input=_answers_for_simple_spasm())
    prompts = [line for line in done.stdout.splitlines() if line.strip().startswith("[")]
    assert prompts
    assert all("not sure" in line for line in prompts)


def test_a_typo_is_asked_again_not_guessed(backrelief: Run) -> None:
    done = backrelief("assess", input="yse\nyes\n")
    assert "Please type yes, no or not sure." in done.stdout
    assert "EMERGENCY" in done.stdout


def test_an_age_under_sixteen_is_refused(backrelief: Run) -> None:
    red = [q for q in screen_questions() if q.red_flag and q.asks in ("finding", "history")]
    done = backrelief("assess", input="no\n" * len(red) + "12\n")
    assert done.returncode == 2
    assert "aged 16 and over" in done.stderr


def test_after_self_care_the_plan_is_offered_with_its_readiness_check(backrelief: Run) -> None:
    answers = _answers_for_simple_spasm().removesuffix("n\n") + "y\n" + "no\n" * 9
    done = backrelief("assess", "--today", "2026-11-26", input=answers)
    assert done.returncode == 0, done.stderr
    assert "a few questions to check they are safe for you" in done.stdout
    assert "You answered no to every question" in done.stdout
    assert "Level 1" in done.stdout


def test_not_sure_in_the_readiness_check_keeps_to_the_gentle_level(backrelief: Run) -> None:
    answers = _answers_for_simple_spasm().removesuffix("n\n") + "y\n" + "not sure\n" + "no\n" * 8
    done = backrelief("assess", "--today", "2026-11-26", input=answers)
    assert done.returncode == 0, done.stderr
    assert "You answered yes to at least one question" in done.stdout
