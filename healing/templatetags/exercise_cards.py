"""{% exercise_card card %}: a signed-in reader's own part of an exercise's card on a
chapter page; {{ response|answer_pairs }}: an answer as the guide shows it. Both drawn
in Python.

A chapter shows four cards, and through the template engine they cost more than the
rest of the page together (bench/inprocess.py). The same markup, every value escaped.
What a card shows every reader alike is its kept skeleton (healing/cards.py); what a
page rarely shows (a conflict, the look-back's summary, a list's or a plan's own
parts, the carry form) stays a partial of healing/chapter.html.
"""

from __future__ import annotations

from django import template
from django.template.defaultfilters import linebreaksbr
from django.template.defaulttags import CsrfTokenNode
from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe

from healing.cards import Card
from healing.dates import long_date
from healing.models import Response

register = template.Library()


@register.filter
def answer_pairs(response: Response) -> SafeString:
    """A list answer as a list, any other as its labels and texts."""
    if items := response.listed():
        lines = "".join(f'<li dir="auto">{linebreaksbr(item)}</li>' for item in items)
        return mark_safe(f'<ol class="answer answer--list">{lines}</ol>')  # noqa: S308
    if pairs := response.describe():
        rows = "".join(
            f'<dt>{esc(label)}</dt><dd dir="auto">{linebreaksbr(text)}</dd>'
            for label, text in pairs
        )
        return mark_safe(f'<dl class="answer">{rows}</dl>')  # noqa: S308 (escaped parts)
    return mark_safe('<p class="muted">No answer written in this version.</p>')


@register.simple_tag(takes_context=True)
def exercise_card(context: template.Context, card: Card) -> SafeString:
    """A signed-in reader's card between its heading and the reminders: the form (or a
    conflict to settle), the earlier answers and the links."""
    if card.form is None:
        return mark_safe("")
    if card.conflict is not None:
        parts = [partial(context, "healing/chapter.html#conflict", card)]
    else:
        parts = []
        if card.kind.gathers_answers:
            parts.append(partial(context, "healing/chapter.html#summary", card))
        parts.append(answer_form(context, card))
        if card.carry_text:
            parts.append(partial(context, "healing/chapter.html#carry", card))
        if card.kind.tracks_days:
            parts.append(partial(context, "healing/chapter.html#days", card))
    parts += [history(card), links(card)]
    return mark_safe("".join(f"\n  {part}" for part in parts if part) + "\n  ")  # noqa: S308


def partial(context: template.Context, name: str, card: Card) -> str:
    with context.push(card=card):
        return context.template.engine.get_template(name).render(context)


def answer_form(context: template.Context, card: Card) -> str:
    assert card.form is not None and card.skeleton is not None
    form, latest, anchor = card.form, card.latest, esc(card.anchor)
    lines = [card.skeleton.form, CsrfTokenNode().render(context) + card.stamp]
    if errors := form.non_field_errors():
        lines.append(f'<p class="form-error" role="alert">{" ".join(map(esc, errors))}</p>')
    if latest is not None and latest.version > 1:
        started = esc(long_date(latest.answered_on))
        lines.append(f'<p class="muted">Version {latest.version}, started {started}.</p>')
    fields = card.kind.fields_partial
    lines.append(partial(context, fields, card) if fields else card.fields)
    autofocus = " autofocus" if card.focus == "save" else ""
    lines.append(
        f'<div class="exercise__actions">\n        <button type="submit"'
        f' name="{esc(form.prefix)}-op" value="save"{autofocus}>Save</button>'
    )
    if card.can_answer_again:
        lines.append(
            f'  <button type="submit" class="button--quiet" name="again" value="1"'
            f' aria-describedby="{anchor}-again-help">Answer again</button>'
            f'<span class="field__help" id="{anchor}-again-help">'
            f"Keeps this answer in your history and starts a fresh one.</span>"
        )
    lines.append(f"  {card.status_line}\n      </div>\n    </form>")
    return "\n      ".join(lines)


def history(card: Card) -> str:
    if not card.earlier:
        return ""
    versions = "".join(
        f"\n        <h4>Version {response.version}"
        f"{', from another tab' if response.aside else ''}"
        f" · {esc(long_date(response.answered_on))}</h4>\n        {answer_pairs(response)}"
        for response in card.earlier
    )
    return (
        f'<details class="exercise__history">\n      <summary>Earlier answers'
        f" ({len(card.earlier)})</summary>{versions}\n    </details>"
    )


def links(card: Card) -> str:
    assert card.skeleton is not None
    anchor = esc(card.anchor)
    parts = [card.skeleton.links]
    if url := card.send_forward_url:
        parts.append(
            f'<a aria-describedby="{anchor}-forward-note" href="{esc(url)}">Send this letter to'
            f' your future self</a> <span class="field__help" id="{anchor}-forward-note">You'
            f" will see it first, and choose the day it arrives.</span>"
        )
    if card.exercise.config.get("printable") and card.latest:
        parts.append(
            f'<a aria-describedby="{anchor}-print-note"'
            f' href="{esc(card.latest.get_absolute_url())}">Printable view</a>'
            f' <span class="field__help" id="{anchor}-print-note">A printout can be found and'
            f" read by others, so keep it somewhere safe.</span>"
        )
    shown = "".join(f"\n      {part}" for part in parts if part)
    return f'<p class="exercise__links">{shown}\n    </p>'
