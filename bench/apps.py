from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Benchmark tooling: `manage.py generate_bench_data` (initiatives in six languages on top of
    the demo content) and `manage.py bench_search`; the HTTP benchmarks are scripts/bench_*.py,
    run by `make bench`. No models."""

    name = "bench"
    label = "bench"
