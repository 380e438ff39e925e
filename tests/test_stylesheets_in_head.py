"""Stylesheets belong in the <head>: a <style> or <link rel=stylesheet> inside <body> is invalid HTML.
The page margin's print title (overrides/partials/sg-print.html) is a <style>, and it is in the head."""

from __future__ import annotations

from support import parse


def test_no_page_has_a_stylesheet_in_its_body(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 40
    for path in pages:
        soup = parse(path)
        in_body = soup.body.find_all("style") + soup.body.find_all("link", rel="stylesheet")
        assert not in_body, f"{path.relative_to(site)}: {[str(tag)[:80] for tag in in_body]}"
        margin = [style for style in soup.head.find_all("style") if "--sg-print-title" in style.get_text()]
        assert len(margin) == 1, f"{path.relative_to(site)}: {len(margin)} print-margin styles in the head"
