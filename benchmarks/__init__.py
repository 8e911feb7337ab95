"""Benchmarks run as ``orient bench <name>``: each module here defines ``register(bench_subparsers)``
which adds its sub-command and sets ``func(args, settings) -> int``. Benchmark files are for
measuring only, never knowledge or training data."""
