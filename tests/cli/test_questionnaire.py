"""The terminal interview, answered through a pipe as a person would type them."""

from __future__ import annotations

from tests.cli.conftest import Run

# age; sex (male: never then asked whether he is pregnant); the warning signs that are an
# emergency on their own (nerves at the base of the spine; heart, chest and main blood
# vessels), one prompt, before the pain's details.
ABOUT = ["40", "2"]
FIRST_SIGNS = "none"
# lower back, stays in the back; moving furniture, sudden (each pair one prompt); 2 days
# ago; pain 4 now and at its worst (one prompt); worse bending and no other times (the next
# two of the page, one prompt); what eases it cannot change anything then: not asked.
PAIN = ["1, 1", "3, 1", "2", "4, 4", "4, 0"]
FIELDS = [*ABOUT, FIRST_SIGNS, *PAIN]
# The heart signs whose rules read how the pain started (asked once that is known); then the
# other groups, two lists to a prompt as on the web's pages (legs and infection; past
# illnesses and daily life); the health and medicine questions only the plan still needs
# come after them in one prompt.
GROUPS = 3
# For the plan: none of the cautions or medicines, regularly active (item 20), in the UK.
PLAN = ["20 uk"]


def _simple_spasm(plan: str = "n") -> str:
    return "\n".join([*FIELDS, *["none"] * GROUPS, *PLAN, plan]) + "\n"


def test_a_simple_spasm_is_self_care_in_under_twenty_prompts(backrelief: Run) -> None:
    done = backrelief("assess", input=_simple_spasm())
    assert done.returncode == 0, done.stderr
    assert "You can look after this at home" in done.stdout
    assert "a strained back muscle" in done.stdout
    assert "Not asked yet" not in done.stdout
    assert "Please" not in done.stdout  # every answer was taken the first time
    assert done.stdout.count("> ") <= 20


def test_the_warning_signs_of_a_page_are_one_prompt_with_every_list_in_full(backrelief: Run) -> None:
    done = backrelief("assess", input=_simple_spasm())
    prompts = done.stdout.split("> ")
    first = prompts[len(ABOUT)]
    assert "NERVES AT THE BASE OF THE SPINE" in first and "HEART, CHEST AND MAIN BLOOD VESSELS" in first
    assert "1. Do you have new numbness" in first
    assert "6. Do you have any chest pain?" in first
    assert "Do you have any of the signs in these 2 lists?" in first
    later = prompts[len(FIELDS) + 1]
    assert "YOUR LEGS AND WALKING" in later and "INFECTION AND FEELING UNWELL" in later
    assert "Do you have any of the signs in these 2 lists?" in later


def test_the_emergency_signs_come_right_after_age_and_sex_before_the_pain_details(backrelief: Run) -> None:
    done = backrelief("assess", input=_simple_spasm())
    prompts = done.stdout.split("> ")
    assert "How old are you?" in prompts[0] and "What is your sex?" in prompts[1]
    assert "NERVES AT THE BASE OF THE SPINE" in prompts[2]
    assert "Where is the pain in your back?" in prompts[3]


def test_enter_alone_at_the_warning_signs_is_asked_again(backrelief: Run) -> None:
    done = backrelief("assess", input="\n".join([*ABOUT, "", FIRST_SIGNS, *PAIN, *["none"] * GROUPS, *PLAN, "n"])
                      + "\n")
    assert done.returncode == 0, done.stderr
    assert "Please type none, numbers from 1 to 9, or not sure." in done.stdout
    assert "You can look after this at home" in done.stdout


def test_not_sure_over_two_lists_asks_each_on_its_own(backrelief: Run) -> None:
    done = backrelief("assess", input="\n".join([*ABOUT, "not sure", "none", "none"]) + "\n")
    prompts = done.stdout.split("> ")
    assert "these 2 lists" in prompts[len(ABOUT)]
    assert "Do you have any of these?" in prompts[len(ABOUT) + 1]
    assert "NERVES AT THE BASE OF THE SPINE" in prompts[len(ABOUT) + 1]
    assert "HEART, CHEST AND MAIN BLOOD VESSELS" in prompts[len(ABOUT) + 2]
    assert "Where is the pain in your back?" in prompts[len(ABOUT) + 3]


def test_the_terminal_never_shows_internal_ids(backrelief: Run) -> None:
    done = backrelief("assess", input=_simple_spasm())
    for internal in ("self_care", "findings_absent", "self-care-no-warning-signs", "moving_furniture", "rule "):
        assert internal not in done.stdout
    verbose = backrelief("assess", "--verbose", input=_simple_spasm())
    assert "self-care-no-warning-signs" in verbose.stdout


def test_a_yes_in_the_nerves_group_stops_the_questions_at_an_emergency(backrelief: Run) -> None:
    done = backrelief("assess", input="\n".join([*ABOUT, "yes", "1"]) + "\n")
    assert done.returncode == 0, done.stderr
    assert "Stopping the questions" in done.stdout
    assert "EMERGENCY" in done.stdout
    # At the third prompt: not one question about the pain's details first.
    assert done.stdout.count("> ") == len(ABOUT) + 2
    assert "Where is the pain in your back?" not in done.stdout


def test_not_sure_in_a_group_goes_through_its_items_with_the_clarifying_question(backrelief: Run) -> None:
    done = backrelief("assess", input="\n".join([*ABOUT, "not sure", "not sure", "not sure"]) + "\n")
    assert "Let us ask it another way." in done.stdout
    assert "When you wipe yourself after using the toilet" in done.stdout


def test_every_prompt_offers_not_sure(backrelief: Run) -> None:
    done = backrelief("assess", input=_simple_spasm())
    prompts = done.stdout.split("> ")[:-1]
    assert len(prompts) >= len(FIELDS) + GROUPS
    assert all("not sure" in prompt for prompt in prompts)


def test_a_typo_is_asked_again_not_guessed(backrelief: Run) -> None:
    done = backrelief("assess", input="\n".join([*ABOUT, "yse", "yes", "1"]) + "\n")
    assert "Please type none, numbers from 1 to 9, or not sure." in done.stdout
    assert "EMERGENCY" in done.stdout


def test_an_age_under_sixteen_is_refused(backrelief: Run) -> None:
    done = backrelief("assess", input="12\n")
    assert done.returncode == 2
    assert "aged 16 and over" in done.stderr


def test_the_lines_wrap_at_the_terminal_width(backrelief: Run) -> None:
    done = backrelief("assess", input=_simple_spasm(), columns=50)
    # The yes/no prompt's line also holds the next output when the answers come from a pipe.
    assert max(len(line) for line in done.stdout.splitlines()) <= 52


def test_after_self_care_the_plan_is_offered_with_its_readiness_check(backrelief: Run) -> None:
    done = backrelief("assess", "--today", "2026-11-26", input=_simple_spasm("y") + "none\n")
    assert done.returncode == 0, done.stderr
    assert "a check that they are safe for you" in done.stdout
    assert "You answered no to every question" in done.stdout
    assert "Level 1" in done.stdout


def test_the_readiness_check_asks_only_what_the_check_did_not_answer(backrelief: Run) -> None:
    done = backrelief("assess", "--today", "2026-11-26", input=_simple_spasm("y") + "none\n")
    asked = done.stdout.partition("a check that they are safe for you")[2].split("> ")[0]
    # A man, active, who said no to heart disease, heart failure and high blood pressure in
    # the plan's checklist: none of that is asked again, in any words.
    assert "pregnant" not in asked and "heart problem" not in asked and "30 minutes" not in asked
    assert "pain or tightness in your chest" in asked
    shown = done.stdout.partition("Before you start the exercises")[2]
    assert "Are you pregnant, or have you had a baby in the past few months? (from what you told us)" in \
        " ".join(shown.split())


def test_the_plan_command_without_input_uses_the_last_check(backrelief: Run) -> None:
    none_yet = backrelief("plan")
    assert none_yet.returncode == 2
    assert "no saved check yet" in none_yet.stderr
    backrelief("assess", input=_simple_spasm())
    done = backrelief("plan", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert '"disposition": "self_care"' in done.stdout or "self_care" in done.stdout


def test_not_sure_in_the_readiness_check_keeps_to_the_gentle_level(backrelief: Run) -> None:
    # Not sure of the list: its questions one by one, the first not sure again.
    done = backrelief("assess", "--today", "2026-11-26", input=_simple_spasm("y") + "not sure\n" * 2 + "no\n" * 8)
    assert done.returncode == 0, done.stderr
    assert "You answered yes or not sure to at least one question" in done.stdout


def test_own_words_show_what_was_understood_in_plain_words(backrelief: Run) -> None:
    done = backrelief("assess", "--text", "I am 40, hurt my lower back lifting a box 2 days ago, no numbness "
                      "anywhere, pain 4/10", input="\n".join(["2", "none", "1, 4", "4, 0", *["none"] * GROUPS, "", "n"]) + "\n")
    assert done.returncode == 0, done.stderr
    assert "we took this as no" in done.stdout
    assert "findings_absent" not in done.stdout
    # Shown once, where it is checked: never a second list of it before the questions.
    assert done.stdout.count("Here is what we understood") == 1
    assert "Here is what we understood from your words" in done.stdout


WORDS = "58, bent to pick up a parcel 2 days ago and my lower back twinged. It stays in my back."
# After the words: sex (under what was understood; a man is not asked about pregnancy); the
# first warning signs; the pain now and at its worst, what makes it worse and how many other
# times; the other groups; the plan's checklist.
AFTER_WORDS = ["none", "5, 7", "4, 0", *["none"] * (GROUPS - 1), "", "n"]


def test_after_own_words_the_first_question_comes_under_what_was_understood(backrelief: Run) -> None:
    done = backrelief("assess", "--text", WORDS, input="\n".join(["2", *AFTER_WORDS]) + "\n")
    assert done.returncode == 0, done.stderr
    after = done.stdout.partition("Here is what we understood from your words:")[2]
    first_prompt = after.split("> ")[0]
    assert "1. How old are you? 58" in first_prompt
    assert "type change instead of an answer" in first_prompt
    assert "What is your sex?" in first_prompt
    assert "You can look after this at home" in done.stdout
    assert done.stdout.count("> ") <= 10


def test_typing_change_corrects_what_was_understood_then_asks_the_question_again(backrelief: Run) -> None:
    done = backrelief("assess", "--text", WORDS, input="\n".join(
        ["change", "1", "45", "2", *AFTER_WORDS[:3], *["none"] * GROUPS, "", "n"]) + "\n")
    assert done.returncode == 0, done.stderr
    after = done.stdout.partition("Here is what we understood from your words:")[2]
    prompts = after.split("> ")
    assert "Which ones?" in prompts[1]
    assert "How old are you?" in prompts[2]
    assert "What is your sex?" in prompts[3]
    # At 45 (not 58) the heart signs that read how the pain started are asked too.
    assert "HEART, CHEST AND MAIN BLOOD VESSELS\nBack pain can sometimes" in after.partition("What makes it worse?")[2]
    assert "You can look after this at home" in done.stdout


def test_a_pain_score_taken_from_words_is_listed_with_the_words(backrelief: Run) -> None:
    words = "I am 40, my lower back is in agony since I bent to pick up a box 2 days ago. It stays in my back."
    done = backrelief("assess", "--text", words, input="\n".join(["2", "none", "10, 4", "0", *["none"] * GROUPS, "", "n"])
                      + "\n")
    assert done.returncode == 0, done.stderr
    listed = done.stdout.partition("Here is what we understood from your words:")[2].split("> ")[0]
    assert "From “agony” we guessed: 10 out of 10. Is that right?" in " ".join(listed.split())
    assert "How old are you? 40\n" in listed


def test_a_woman_is_asked_about_pregnancy_after_her_sex_and_a_man_never(backrelief: Run) -> None:
    man = backrelief("assess", input="40\n2\nyes\n1\n")
    assert "EMERGENCY" in man.stdout
    assert "pregnant" not in man.stdout.lower()
    woman = backrelief("assess", input="30\n1\nno\nyes\n1\n")
    prompts = woman.stdout.split("> ")
    assert "What is your sex?" in prompts[1] and "pregnant" not in prompts[1].lower()
    assert "Are you pregnant?" in prompts[2]
    assert "EMERGENCY" in woman.stdout


def test_a_value_the_words_only_imply_is_listed_as_a_guess_with_its_words(backrelief: Run) -> None:
    done = backrelief("assess", "--text", "put my back out lifting a box, no numbness, peeing fine, I'm 40",
                      input="change\n")
    listed = " ".join(done.stdout.partition("Here is what we understood from your words:")[2].split("> ")[0].split())
    assert "Did it come on suddenly or slowly? From “put my back out” we guessed: Suddenly. Is that right?" in listed
    assert "How old are you? 40 " in listed
    assert "If any of these is wrong, type change" in listed
