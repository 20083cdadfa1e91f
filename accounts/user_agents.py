"""Devices in words ("Chrome on Linux") from a browser's User-Agent header.

Only the common browsers and systems: anything else is said plainly as unrecognised,
never guessed. Order matters in both lists, because browsers borrow each other's
names (Edge and Opera also say "Chrome", Chrome also says "Safari", Android says
"Linux", and iPhones say "like Mac OS X").
"""

from __future__ import annotations

import re

BROWSERS = [
    (re.compile(r"\b(?:Edg|EdgA|EdgiOS)/"), "Edge"),
    (re.compile(r"\b(?:OPR|OPT|OPiOS)/"), "Opera"),
    (re.compile(r"\bSamsungBrowser/"), "Samsung Internet"),
    (re.compile(r"\b(?:Firefox|FxiOS)/"), "Firefox"),
    (re.compile(r"\bChromium/"), "Chromium"),
    (re.compile(r"\b(?:Chrome|CriOS|HeadlessChrome)/"), "Chrome"),
    (re.compile(r"\bVersion/[\d.]+.*\bSafari/"), "Safari"),
]
SYSTEMS = [
    (re.compile(r"\biPhone\b"), "iPhone"),
    (re.compile(r"\biPad\b"), "iPad"),
    (re.compile(r"\bAndroid\b"), "Android"),
    (re.compile(r"\bCrOS\b"), "ChromeOS"),
    (re.compile(r"\bWindows\b"), "Windows"),
    (re.compile(r"\b(?:Macintosh|Mac OS X)\b"), "Mac"),
    (re.compile(r"\bLinux\b"), "Linux"),
]


def _first(patterns: list[tuple[re.Pattern[str], str]], user_agent: str) -> str:
    return next((name for pattern, name in patterns if pattern.search(user_agent)), "")


def describe(user_agent: str) -> str:
    """ "Chrome on Linux", "Safari on iPhone", "A browser on Windows", or "A device we
    do not recognise"."""
    browser = _first(BROWSERS, user_agent)
    system = _first(SYSTEMS, user_agent)
    if browser and system:
        return f"{browser} on {system}"
    if system:
        return f"A browser on {system}"
    return browser or "A device we do not recognise"
