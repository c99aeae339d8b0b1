"""Benchmarks, run by `make bench`. Each `bench_*.py` module has a `main()` that prints figures."""
