"""Placeholder: replaced by the issue that builds this page."""

from __future__ import annotations

from .models import Walkthrough


def compare_page(walkthrough: Walkthrough) -> str:
    return f"# {walkthrough.title}\n\nThis page is being written.\n"
