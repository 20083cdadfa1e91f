"""The guide's words are safe for someone who may still be being hurt (issue 11)."""

from __future__ import annotations

import re

import pytest

from healing.feelings import BY_CODE
from healing.models import Exercise
from tests.healing.factories import ResponseFactory

pytestmark = pytest.mark.django_db

REBUILDING = "/guide/rebuilding-trust/"
NOT_OWED = (
    "If someone keeps lying to you, controlling you, frightening you or hurting you, "
    "you do not owe them rebuilding."
)
DOMESTIC_ABUSE_LINK = 'href="/support/#domestic-abuse"'


def main_text(response) -> str:
    html = response.content.decode()
    return " ".join(html[html.index('<main id="main"') : html.index("</main>")].split())


def section(html: str, heading: str) -> str:
    """From an <h2> to the next one."""
    start = html.index(f"<h2>{heading}</h2>")
    end = html.find("<h2", start + 1)
    return html[start : end if end != -1 else len(html)]


def test_rebuilding_trust_says_near_its_start_that_no_one_owes_rebuilding(client):
    html = main_text(client.get(REBUILDING))

    opening = section(html, "A journey, not a sprint")
    assert "Rebuilding is for a relationship where the hurting has stopped." in opening
    assert NOT_OWED.replace("rebuilding.", "rebuilding,") in opening
    assert "Forgiving never means excusing" in opening
    assert DOMESTIC_ABUSE_LINK in opening
    assert html.index(NOT_OWED[:40]) < html.index('id="exercise-rebuild-scheduled-honesty"')


def test_rebuilding_trust_says_it_again_where_it_speaks_of_forgiveness(client):
    html = main_text(client.get(REBUILDING))

    forgiveness = section(html, "Making room to forgive")
    assert "Rebuilding is for a relationship where the hurting has stopped." in forgiveness
    assert NOT_OWED in forgiveness
    assert "Forgiving never means excusing what was done, and it never means staying" in forgiveness
    assert DOMESTIC_ABUSE_LINK in forgiveness


def test_the_introduction_links_to_the_support_page_and_its_domestic_abuse_lines(client):
    html = main_text(client.get("/guide/introduction/"))

    assert 'href="/support/"' in html
    assert DOMESTIC_ABUSE_LINK in html


def test_the_support_page_holds_the_anchor_the_guide_links_to(client):
    html = client.get("/support/").content.decode()

    assert 'id="domestic-abuse"' in html


@pytest.mark.parametrize(
    "burden",
    [
        "how your worry feels from their side",
        "the other agrees to ask rather than assume the worst",
        "not to bring up old hurts",
    ],
)
def test_examples_in_rebuilding_trust_no_longer_fall_on_the_hurt_person(client, burden):
    assert burden not in main_text(client.get(REBUILDING))


def test_examples_in_rebuilding_trust_ask_the_same_of_both_people(client):
    html = main_text(client.get(REBUILDING))

    assert "Whoever is listening, try letting the other finish." in html
    assert "both agree to ask each other directly when something worries you" in html


def test_rebuilding_trust_promises_no_deeper_connection_than_before(client):
    assert "than before" not in main_text(client.get(REBUILDING))


def test_rebuilding_trusts_exercises_fit_someone_who_has_left_or_is_on_their_own(client):
    html = main_text(client.get(REBUILDING))

    assert "our future" not in html
    assert "What I ask of you" not in html
    assert "as a picture of what you would want in the next one" in html
    assert "you can sketch what you would want in a future relationship" in html
    assert "it never means excusing what happened or staying" in html


def test_rebuilding_trusts_exercises_keep_their_ids():
    # Answers are keyed by these: only the visible wording may change.
    fields = {
        key: [item["id"] for item in Exercise.objects.get(key=key).items(name)]
        for key, name in [
            ("rebuild-scheduled-honesty", "fields"),
            ("rebuild-accountability-agreements", "fields"),
            ("rebuild-space-for-forgiveness", "prompts"),
        ]
    }

    assert fields == {
        "rebuild-scheduled-honesty": [
            "with-whom",
            "when",
            "how-often",
            "free-of-distraction-and-judgment",
        ],
        "rebuild-accountability-agreements": [
            "what-i-will-do",
            "what-i-ask-of-you",
            "how-we-check-in",
            "when-we-review",
        ],
        "rebuild-space-for-forgiveness": ["past-pain", "refuse-to-define-future"],
    }


def test_the_printable_agreement_says_a_printout_can_be_found(auth_client, user):
    response = ResponseFactory(
        user=user,
        exercise=Exercise.objects.get(key="rebuild-accountability-agreements"),
        answer={"fields": {"what-i-will-do": "Say when plans change."}},
    )

    chapter = main_text(auth_client.get(REBUILDING))
    printable = main_text(auth_client.get(f"/reflections/{response.code}/"))

    link = re.search(
        r'<a aria-describedby="([^"]+)" href="/reflections/[^"]+">Printable view', chapter
    )
    assert link
    assert f'id="{link.group(1)}">A printout can be found and read by others' in chapter
    assert "A printout can be found and read by others" in printable


def test_supportive_connections_can_start_from_the_people_listed_in_the_emotional_toll(client):
    love_again = main_text(client.get("/guide/learning-to-love-again/"))
    toll = main_text(client.get("/guide/emotional-toll-of-broken-trust/"))

    target = "/guide/emotional-toll-of-broken-trust/#exercise-toll-people-i-can-reach-out-to"
    assert f'href="{target}"' in love_again
    assert 'id="exercise-toll-people-i-can-reach-out-to"' in toll
    assert "You can begin from the people you listed" in love_again


def test_the_two_lists_of_people_say_how_they_differ(client):
    toll = main_text(client.get("/guide/emotional-toll-of-broken-trust/"))
    love_again = main_text(client.get("/guide/learning-to-love-again/"))

    assert "turn to in a hard moment" in toll
    assert "the people who help you grow" in toll
    assert "those steady you when it hurts, while these help you grow over time" in love_again


def test_shame_is_described_as_something_that_is_not_true():
    assert BY_CODE["shame"].description.endswith("though it isn't.")
