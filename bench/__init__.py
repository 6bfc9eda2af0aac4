"""Officium's benchmarks: `python -m bench NAME [--quick]` writes bench/results/NAME.json."""
