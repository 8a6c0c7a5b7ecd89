"""pmwizard benchmarks: `python -m benchmarks` runs the suite (see README, Benchmarks)."""
