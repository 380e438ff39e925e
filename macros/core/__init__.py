"""What every feature shares, and nothing feature-specific: ids, the data schema and its loading with
`file:line` problems, speaking time, page addresses and links, and the Jinja environment.

Core imports no feature (tests/test_architecture.py holds it): features import core, the site layer
(macros/site.py, macros/pages.py) imports the features, and the hooks import the site layer.
"""
