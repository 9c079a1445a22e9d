"""A short, readable name for the browser and system a session came from ("Chrome on Android")."""

from __future__ import annotations

import re

# First match wins: Edge and Opera say "Chrome" too, and Chrome says "Safari".
BROWSERS = [("Edge", r"Edg/"), ("Opera", r"OPR/"), ("Firefox", r"Firefox/"), ("Chrome", r"Chrom(e|ium)/"),
            ("Safari", r"Safari/")]  # fmt: skip
SYSTEMS = [("Android", r"Android"), ("iPhone", r"iPhone"), ("iPad", r"iPad"), ("Windows", r"Windows"),
           ("Mac", r"Mac OS X|Macintosh"), ("ChromeOS", r"CrOS"), ("Linux", r"Linux")]  # fmt: skip


def _first(patterns: list[tuple[str, str]], text: str) -> str | None:
    return next((name for name, pattern in patterns if re.search(pattern, text)), None)


def device_of(user_agent: str) -> str:
    browser, system = _first(BROWSERS, user_agent), _first(SYSTEMS, user_agent)
    if browser and system:
        return f"{browser} on {system}"
    return browser or system or "an unknown browser"
