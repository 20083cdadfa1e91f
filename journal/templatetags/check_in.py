"""{% check_in_card %}: Today's one-tap mood check-in, drawn in Python.

Its five buttons through the template engine cost more than the rest of Today's cards
together (bench/inprocess.py). Today and the check-in's own replies (the fragment after
a tap, or a refusal) draw it from the same context: `check_in` (the day's, if any),
`saved` (just tapped: the chosen button keeps the focus) and `form` (a refused tap).
"""

from __future__ import annotations

from django import template
from django.template import Context
from django.template.defaulttags import CsrfTokenNode
from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe

from healing.templatetags.addresses import address
from journal.models import Mood

register = template.Library()


def mood_button(value: int, label: str, chosen: bool, focus: bool) -> str:
    return (
        f'\n        <button type="submit" name="mood" value="{value}" class="check-in__mood'
        f'{" check-in__mood--chosen" if chosen else ""}"'
        f' aria-pressed="{"true" if chosen else "false"}"{" autofocus" if focus else ""}>\n'
        f'          <span class="check-in__number" aria-hidden="true">{value}</span> {esc(label)}\n'
        f"        </button>\n      "
    )


@register.simple_tag(takes_context=True)
def check_in_card(context: Context) -> SafeString:
    check_in, form = context.get("check_in"), context.get("form")
    chosen = check_in.mood if check_in else None
    focus = chosen if context.get("saved") else None
    buttons = "".join(
        mood_button(value, label, value == chosen, value == focus) for value, label in Mood.choices
    )
    if form is not None and form.errors:
        status = " ".join(esc(message) for message in form.errors.get("mood", []))
    elif check_in:
        status = (
            f"Today's mood: {esc(check_in.get_mood_display().lower())}. "
            "You can change it any time today."
        )
    else:
        status = "One tap is enough. Only you see it."
    csrf_field = CsrfTokenNode().render(context)
    to = esc(address("journal:check-in"))
    return mark_safe(  # noqa: S308 (every value escaped)
        '<section class="today__card check-in" id="check-in" aria-labelledby="check-in-title">\n'
        '  <h2 id="check-in-title">How are you today?</h2>\n'
        f'  <form method="post" action="{to}" hx-post="{to}" hx-target="#check-in"'
        ' hx-swap="outerHTML">\n'
        f"    {csrf_field}\n"
        '    <div class="check-in__moods" role="group" aria-labelledby="check-in-title">\n'
        f"      {buttons}\n"
        "    </div>\n"
        "  </form>\n"
        f'  <p class="check-in__status muted" role="status">{status}</p>\n'
        "</section>"
    )
