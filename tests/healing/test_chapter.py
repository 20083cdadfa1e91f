from __future__ import annotations

import re

import pytest
from django.urls import reverse

from healing.models import Chapter, Exercise
from tests.healing.factories import ResponseFactory

SLUGS = [
    "introduction",
    "roots-of-trust-issues",
    "emotional-toll-of-broken-trust",
    "rebuilding-trust",
    "learning-to-love-again",
    "conclusion",
]

# The seed's own questions and practice names, verbatim, chapter by chapter, in its order.
SEED_WORDING = {
    "roots-of-trust-issues": [
        "Can I risk being open again?",
        "Which moments trigger my doubt?",
        "How do I protect myself when I feel vulnerable?",
        "What do I need to feel safe and valued?",
    ],
    "emotional-toll-of-broken-trust": [
        "Journal your feelings",
        "Seek support",
        "Practice self-compassion",
    ],
    "rebuilding-trust": [
        "Scheduled moments of honesty",
        "Mutual accountability agreements",
        "Space for forgiveness",
    ],
    "learning-to-love-again": [
        "Mindful self-reflection",
        "Setting healthy boundaries",
        "Seeking supportive connections",
    ],
}

pytestmark = pytest.mark.django_db


def main_text(response) -> str:
    html = response.content.decode()
    return html[html.index('<main id="main"') : html.index("</main>")]


def test_contents_lists_the_six_chapters_in_order(client):
    html = main_text(client.get("/guide/"))

    titles = [chapter.title for chapter in Chapter.objects.order_by("order")]
    assert [c.slug for c in Chapter.objects.order_by("order")] == SLUGS
    positions = [html.index(f">{title}</a>") for title in titles]
    assert positions == sorted(positions)


def test_contents_shows_each_chapters_reading_time(client):
    html = main_text(client.get("/guide/"))

    assert html.count("minutes to read") + html.count("minute to read") == 6


@pytest.mark.parametrize("signed_in", [False, True])
@pytest.mark.parametrize("slug", SEED_WORDING)
def test_each_chapter_holds_the_seeds_questions_and_practices_verbatim_in_order(
    client, user, slug, signed_in
):
    if signed_in:
        client.force_login(user)

    html = main_text(client.get(f"/guide/{slug}/"))

    positions = [html.find(words) for words in SEED_WORDING[slug]]
    assert -1 not in positions, dict(zip(SEED_WORDING[slug], positions, strict=True))
    assert positions == sorted(positions)


@pytest.mark.parametrize("slug", SLUGS)
def test_every_chapter_shows_title_reading_time_key_ideas_and_its_exercises(client, slug):
    chapter = Chapter.objects.get(slug=slug)

    html = main_text(client.get(f"/guide/{slug}/"))

    assert chapter.title in html
    assert "to read" in html
    assert "Key ideas" in html
    for exercise in chapter.exercises.all():
        assert f'id="exercise-{exercise.key}"' in html
    assert "[[exercise:" not in html
    assert "<!--exercise" not in html


def test_exercises_sit_where_the_text_raises_them(client):
    html = main_text(client.get("/guide/roots-of-trust-issues/"))

    assert html.index("The question that stays behind") < html.index(
        'id="exercise-roots-silent-question"'
    )
    assert html.index('id="exercise-roots-silent-question"') < html.index("Looking with kindness")


def test_anonymous_readers_see_prompts_and_a_sign_up_link_back_to_the_exercise(client):
    html = main_text(client.get("/guide/roots-of-trust-issues/"))

    assert "Sign up to save your answers privately" in html
    assert (
        'href="/accounts/signup/?next=%2Fguide%2Froots-of-trust-issues%2F'
        '%23exercise-roots-ask-yourself"' in html
    )
    assert "<textarea" not in html
    assert "Mark as complete" not in html


def test_the_chapter_page_links_previous_and_next(client):
    html = main_text(client.get("/guide/rebuilding-trust/"))

    assert 'href="/guide/emotional-toll-of-broken-trust/" rel="prev"' in html
    assert 'href="/guide/learning-to-love-again/" rel="next"' in html


def test_an_unknown_chapter_is_not_found(client):
    assert client.get("/guide/no-such-chapter/").status_code == 404


@pytest.mark.parametrize("path", ["/guide/", "/guide/introduction/"])
def test_guide_pages_refuse_to_change_anything_with_post(client, path):
    assert client.post(path).status_code == 405


def test_signed_in_readers_see_their_answers_in_the_form(auth_client, user):
    ResponseFactory(user=user, answer={"prompts": {"open-again": "Not yet, <b>and</b> that's ok"}})

    html = auth_client.get("/guide/roots-of-trust-issues/").content.decode()

    assert "Not yet, &lt;b&gt;and&lt;/b&gt; that&#x27;s ok</textarea>" in html
    assert "Saved " in html


def test_the_chapter_page_makes_at_most_eight_queries_with_answers_everywhere(
    auth_client, user, django_assert_max_num_queries
):
    for exercise in Exercise.objects.all():
        ResponseFactory(user=user, exercise=exercise)
        ResponseFactory(user=user, exercise=exercise, version=2)
    auth_client.get("/guide/conclusion/")  # the reader has been here before

    for slug in SLUGS:
        # 7, and one more for the practice plan's days (DESIGN's budget is 10).
        with django_assert_max_num_queries(8):
            response = auth_client.get(reverse("guide:chapter", args=[slug]))
        assert response.status_code == 200


def test_the_look_back_gathers_every_answer_chapter_by_chapter(auth_client, user):
    ResponseFactory(user=user, answer={"prompts": {"open-again": "Only with people who stay."}})
    ResponseFactory(
        user=user,
        exercise=Exercise.objects.get(key="love-healthy-boundaries"),
        answer={"items": ["Sundays are mine", "No calls after ten"]},
    )

    html = main_text(auth_client.get("/guide/conclusion/"))

    summary = html[html.index('class="lookback"') :]
    assert summary.index("Only with people who stay.") < summary.index("Sundays are mine")
    assert (
        '<ol class="answer answer--list"><li dir="auto">Sundays are mine</li>'
        '<li dir="auto">No calls after ten</li></ol>'
    ) in summary
    assert "What I have learned" in html


def test_write_about_this_appears_only_when_the_journal_exists(auth_client):
    html = auth_client.get("/guide/roots-of-trust-issues/").content.decode()

    assert ("?prompt=roots-ask-yourself" in html) == _journal_exists()


def _journal_exists() -> bool:
    from django.urls import NoReverseMatch

    try:
        reverse("journal:entry-new")
    except NoReverseMatch:
        return False
    return True


@pytest.mark.parametrize("slug", SLUGS)
def test_every_chapter_weighs_under_60_kb_even_with_answers(auth_client, user, slug):
    from tests.healing.test_page_weight import BUDGET_BYTES, transferred_weight

    for exercise in Exercise.objects.all():
        ResponseFactory(user=user, exercise=exercise)

    html = auth_client.get(f"/guide/{slug}/").content.decode()

    assert "css/guide.css" in html
    assert transferred_weight(html) < BUDGET_BYTES


@pytest.mark.parametrize("slug", SLUGS)
def test_chapter_pages_hold_no_inline_script_style_or_handlers(auth_client, user, slug):
    for exercise in Exercise.objects.all():
        ResponseFactory(user=user, exercise=exercise)

    html = auth_client.get(f"/guide/{slug}/").content.decode()

    assert re.search(r"<script(?![^>]*\bsrc=)", html) is None
    assert re.search(r"\sstyle=", html) is None
    assert re.search(r"\son[a-z]+=", html) is None


def test_long_pastes_reach_the_server_whole_and_prompts_have_no_colon(auth_client):
    html = auth_client.get("/guide/learning-to-love-again/").content.decode()

    assert "maxlength" not in html  # the browser would cut a long paste silently
    assert "Dear me,:" not in html
