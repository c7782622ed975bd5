# The two commands of the README, plus the benchmark.
.PHONY: dev test bench
dev:
	bash scripts/dev.sh
test:
	bash scripts/test.sh
bench:
	bash scripts/bench.sh
