"""Phone numbers in a person's own text, made tappable."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# A run of digits, spaces, dashes, dots or brackets with at least three digits, as
# people write numbers: "988", "116 123", "+44 (0)7700 900123".
NUMBER = re.compile(r"(?<![\w+])\+?\(?\d[\d ().-]{1,20}\d(?!\w)")


def tappable(text: str) -> SafeString:
    """The text, escaped, with each phone number a tel: link (and an sms: one beside it),
    line breaks kept."""
    parts = []
    last = 0
    for match in NUMBER.finditer(text):
        number = match.group().strip()
        dial = re.sub(r"[^\d+]", "", number)
        if len(dial.lstrip("+")) < 3:
            continue
        parts.append(escape(text[last : match.start()]))
        shown = escape(number)
        parts.append(
            f'<a href="tel:{dial}">{shown}</a> <a class="sms" href="sms:{dial}">'
            f'text<span class="visually-hidden"> {shown}</span></a>'
        )
        last = match.start() + len(match.group())
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts).replace("\n", "<br>"))  # noqa: S308 (escaped above)
