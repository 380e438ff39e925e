"""`make bench` (scripts/bench.py): build-time and Lighthouse measurements. Never run by `make test`."""
