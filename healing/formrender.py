"""Form widgets and labels drawn in Python, with the same markup as Django's templates.

A chapter with four answered exercises, the journal's filter and the entry form draw
dozens of widgets and labels a page, and a select or a group of boxes one template per
option: through the template engine that was most of these pages' time. The renderer
below draws Django's own input, textarea, select, checkbox/radio group and label
templates in Python (the same HTML, byte for byte: tests/healing/test_formrender.py
compares them), and hands any other template to the template engine as before.
PlainSelect goes further for a select with many options: no template context at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape
from typing import Any

from django.forms.renderers import BaseRenderer, TemplatesSetting
from django.forms.widgets import Select
from django.http import HttpRequest
from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe


def attrs_html(attrs: dict[str, Any] | None) -> str:
    """django/forms/widgets/attrs.html: ` name="value"`, ` name` for True, nothing for False."""
    return "".join(
        f" {esc(name)}" if value is True else f' {esc(name)}="{esc(value)}"'
        for name, value in (attrs or {}).items()
        if value is not False
    )


def input_html(widget: dict[str, Any]) -> str:
    value = "" if widget["value"] is None else f' value="{esc(widget["value"])}"'
    return (
        f'<input type="{esc(widget["type"])}" name="{esc(widget["name"])}"{value}'
        f"{attrs_html(widget['attrs'])}>\n"
    )


def textarea_html(widget: dict[str, Any]) -> str:
    value = esc(widget["value"]) if widget["value"] else ""
    attrs = attrs_html(widget["attrs"])
    return f'<textarea name="{esc(widget["name"])}"{attrs}>\n{value}</textarea>\n'


def select_option_html(option: dict[str, Any]) -> str:
    return (
        f'<option value="{esc(option["value"])}"{attrs_html(option["attrs"])}>'
        f"{esc(option['label'])}</option>\n"
    )


def input_option_html(option: dict[str, Any]) -> str:
    """A box or a round button, wrapped in its label (checkbox_option.html, radio_option.html)."""
    if not option["wrap_label"]:
        return input_html(option) + "\n\n"
    id_ = option["attrs"].get("id")
    label_for = f' for="{esc(id_)}"' if id_ else ""
    return f"<label{label_for}>{input_html(option)} {esc(option['label'])}</label>\n\n"


OPTIONS: dict[str, Callable[[dict[str, Any]], str]] = {
    "django/forms/widgets/select_option.html": select_option_html,
    "django/forms/widgets/checkbox_option.html": input_option_html,
    "django/forms/widgets/radio_option.html": input_option_html,
}


def _groups(widget: dict[str, Any]) -> Iterable[tuple[Any, list[dict[str, Any]]]]:
    return ((name, choices) for name, choices, _ in widget["optgroups"])


def select_html(widget: dict[str, Any]) -> str | None:
    parts = [f'<select name="{esc(widget["name"])}"{attrs_html(widget["attrs"])}>']
    for group, options in _groups(widget):
        if group:
            parts.append(f'\n  <optgroup label="{esc(group)}">')
        for option in options:
            draw = OPTIONS.get(option["template_name"])
            if draw is None:
                return None
            parts.append("\n  " + draw(option))
        if group:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts)


class PlainSelect(Select):
    """A select of one choice among plain-text options without groups, drawn straight
    from its choices with select_html's markup. Django first builds a dict and a context
    for every option, some thirty Python calls an option: the journal's filter offers
    dozens of options on every list page."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: BaseRenderer | None = None,
    ) -> SafeString:
        chosen = self.format_value(value)
        attrs = attrs_html(self.build_attrs(self.attrs, attrs))
        parts = [f'<select name="{escape(name)}"{attrs}>']
        for option, label in self.choices:
            option = "" if option is None else str(option)
            selected = option in chosen
            if selected:
                chosen = []  # like Django, only the first option of that value
            parts.append(
                f'\n  <option value="{escape(option)}"{" selected" if selected else ""}>'
                f"{escape(str(label))}</option>\n"
            )
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 (every value escaped)


def multiple_input_html(widget: dict[str, Any]) -> str | None:
    attrs = widget["attrs"]
    id_ = f' id="{esc(attrs["id"])}"' if attrs.get("id") else ""
    class_ = f' class="{esc(attrs["class"])}"' if attrs.get("class") else ""
    parts = [f"<div{id_}{class_}>"]
    for group, options in _groups(widget):
        if group:
            parts.append(f"\n  <div><label>{esc(group)}</label>")
        for option in options:
            draw = OPTIONS.get(option["template_name"])
            if draw is None:
                return None
            parts.append(f"<div>\n    {draw(option)}</div>")
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>\n")
    return "".join(parts)


def label_html(context: dict[str, Any]) -> str:
    label = esc(context["label"])
    if not context["use_tag"]:
        return f"{label}\n"
    tag = esc(context["tag"])
    return f"<{tag}{attrs_html(context['attrs'])}>{label}</{tag}>\n"


_WIDGETS = "django/forms/widgets/"
_INPUTS = ("checkbox", "color", "date", "datetime", "email", "hidden", "input", "number")
_INPUTS += ("password", "search", "tel", "text", "time", "url")
DRAWN: dict[str, Callable[[dict[str, Any]], str | None]] = {
    **{f"{_WIDGETS}{name}.html": lambda c: input_html(c["widget"]) for name in _INPUTS},
    f"{_WIDGETS}textarea.html": lambda c: textarea_html(c["widget"]),
    f"{_WIDGETS}select.html": lambda c: select_html(c["widget"]),
    f"{_WIDGETS}checkbox_select.html": lambda c: multiple_input_html(c["widget"]),
    f"{_WIDGETS}radio.html": lambda c: multiple_input_html(c["widget"]),
    "django/forms/label.html": label_html,
}


class Renderer(TemplatesSetting):
    """FORM_RENDERER: the templates in DRAWN in Python, every other one as before."""

    def render(
        self, template_name: str, context: dict[str, Any], request: HttpRequest | None = None
    ) -> str:
        draw = DRAWN.get(template_name)
        drawn = draw(context) if draw is not None else None
        if drawn is None:
            return super().render(template_name, context, request)
        return drawn.strip()
