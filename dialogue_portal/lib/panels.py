"""Panels on the staff home page, contributed by the apps.

An app registers a function in its ``AppConfig.ready()``; the staff home page calls each
with the request and shows what it returns, in registration order. A function returns
``None`` (nothing to show) or ``{"template": "...", "context": {...}}``.
"""

from collections.abc import Callable

_panels: list[Callable] = []


def register_staff_panel(func: Callable) -> Callable:
    if func not in _panels:
        _panels.append(func)
    return func


def staff_panels(request) -> list[dict]:
    shown = []
    for func in _panels:
        panel = func(request)
        if panel:
            shown.append(panel)
    return shown
