"""The link checker itself: it must catch a planted broken link and a planted broken anchor."""

from __future__ import annotations

from support.linkcheck import check_site


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def tiny_site(root):
    write(root / "index.html", '<h1 id="top">Home</h1><a href="guide/">Guide</a><a href="guide/#step-2">Step</a>'
          '<img src="img/logo.png" srcset="img/logo.png 1x, img/logo@2x.png 2x"><a href="https://example.org/x">x</a>')
    write(root / "guide" / "index.html", '<h2 id="step-1">One</h2><a href="../#top">Top</a><a href="../missing/">Gone</a>')
    write(root / "img" / "logo.png", "png")
    return root


def test_clean_site_has_no_broken_links(tmp_path):
    site = tiny_site(tmp_path)
    broken = check_site(site)
    # The planted problems and nothing else: a missing page, a missing anchor, a missing 2x image.
    assert sorted((b.page, b.url) for b in broken) == [
        ("guide/index.html", "../missing/"),
        ("index.html", "guide/#step-2"),
        ("index.html", "img/logo@2x.png"),
    ]


def test_catches_broken_anchor_only_when_id_missing(tmp_path):
    site = tiny_site(tmp_path)
    write(site / "guide" / "index.html", '<h2 id="step-2">Two</h2><a href="../#top">Top</a>')
    write(site / "img" / "logo@2x.png", "png")
    assert check_site(site) == []


def test_absolute_links_respect_the_base_path(tmp_path):
    write(tmp_path / "index.html", '<a href="/repo/guide/">in</a><a href="/elsewhere/">out</a>')
    write(tmp_path / "guide" / "index.html", "<p>ok</p>")
    broken = check_site(tmp_path, base_path="/repo/")
    assert [b.url for b in broken] == ["/elsewhere/"]
