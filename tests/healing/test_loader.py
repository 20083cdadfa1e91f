from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from healing.loader import CONTENT_DIR, ContentError, load_guide
from healing.models import Chapter, Exercise, Response
from tests.healing.factories import ResponseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(tmp_path) -> Path:
    for path in CONTENT_DIR.glob("*.md"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_migrate_leaves_the_whole_guide_in_place():
    assert Chapter.objects.count() == 6
    assert Exercise.objects.current().count() == 15
    assert all(chapter.body_html for chapter in Chapter.objects.all())


def test_loading_again_changes_nothing(content):
    before = list(Chapter.objects.values())

    report = load_guide(directory=content)

    assert len(report.unchanged) == 6
    assert report.created == report.updated == report.retired == []
    assert list(Chapter.objects.values()) == before


def test_the_command_reports_what_it_did(capsys):
    call_command("load_guide")

    assert "unchanged: introduction" in capsys.readouterr().out


def test_a_changed_file_updates_its_chapter_and_keeps_answers(content, user):
    answer = ResponseFactory(user=user)
    edit(content / "05-conclusion.md", "## Not a straight line", "## Never a straight line")

    report = load_guide(directory=content)

    assert report.updated == ["conclusion"]
    assert "<h2>Never a straight line</h2>" in Chapter.objects.get(slug="conclusion").body_html
    answer.refresh_from_db()
    assert answer.answer == {"prompts": {"open-again": "A first, honest answer."}}


def test_a_chapter_edited_in_the_admin_is_left_alone_unless_forced(content):
    chapter = Chapter.objects.get(slug="conclusion")
    chapter.body = "Staff wording."
    chapter.edited_in_admin = True
    chapter.save()
    edit(content / "05-conclusion.md", "## Not a straight line", "## Never a straight line")

    report = load_guide(directory=content)
    assert report.kept_admin_edits == ["conclusion"]
    assert Chapter.objects.get(slug="conclusion").body == "Staff wording."

    load_guide(force=True, directory=content)
    chapter.refresh_from_db()
    assert "Never a straight line" in chapter.body
    assert not chapter.edited_in_admin


def test_an_exercise_gone_from_the_files_is_retired_not_deleted(content, user):
    answer = ResponseFactory(user=user, exercise=Exercise.objects.get(key="love-kind-letter"))
    path = content / "04-learning-to-love-again.md"
    text = path.read_text()
    start = text.index('  - id: "love-kind-letter"')
    path.write_text(text[:start] + text[text.index("---\n", start) :])
    edit(path, "[[exercise:love-kind-letter]]\n", "")

    report = load_guide(directory=content)

    assert report.retired == ["love-kind-letter"]
    assert Exercise.objects.get(key="love-kind-letter").retired
    assert Response.objects.filter(pk=answer.pk).exists()
    assert (
        'id="exercise-love-kind-letter"'
        not in Chapter.objects.get(slug="learning-to-love-again").body_html
    )


def test_a_marker_without_a_declared_exercise_is_a_clear_error(content):
    edit(content / "05-conclusion.md", "## Not a straight line", "[[exercise:nowhere]]\n\nx")

    with pytest.raises(ContentError, match=r"05-conclusion\.md"):
        load_guide(directory=content)


def test_rendered_html_is_sanitised():
    chapter = Chapter.objects.get(slug="introduction")
    chapter.body = (
        "<script>alert(1)</script>\n\n[x](javascript:alert(1))\n\n"
        '<img src=x onerror="alert(1)">\n\n**bold**'
    )
    chapter.save()

    assert "<script" not in chapter.body_html
    assert 'href="javascript' not in chapter.body_html
    assert "<img" not in chapter.body_html
    assert "<strong>bold</strong>" in chapter.body_html


def test_prose_lengths_follow_the_design():
    for chapter in Chapter.objects.all():
        words = len(chapter.body.split())
        if chapter.slug in ("introduction", "conclusion"):
            assert 250 <= words <= 500, chapter.slug
        else:
            assert 600 <= words <= 1000, chapter.slug
