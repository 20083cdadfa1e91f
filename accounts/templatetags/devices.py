from __future__ import annotations

from django import template

from accounts.user_agents import describe

register = template.Library()


@register.filter
def device(user_agent: str) -> str:
    """{{ session.user_agent|device }}: "Chrome on Linux"."""
    return describe(user_agent or "")
