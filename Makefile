# The two commands of the README, plus the benchmark and the deployment.
.PHONY: dev test bench deploy
dev:
	bash scripts/dev.sh
test:
	bash scripts/test.sh
bench:
	bash scripts/bench.sh
deploy:
	bash scripts/deploy.sh
