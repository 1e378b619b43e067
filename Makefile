# Second Chances: the two commands a newcomer needs are `make run` and `make test`.
.PHONY: run stop test lint format bench postgres

run:  ## set up everything and start the game (telnet :4000, web :4001)
	@bash scripts/run.sh

stop:  ## stop the game
	@bash scripts/stop.sh

postgres:  ## start a local PostgreSQL 15 (data in .postgres/) and print its DATABASE_URL
	@bash scripts/postgres.sh start

test:  ## lint, format check, and every test
	@bash scripts/test.sh

lint:
	@.venv/bin/ruff check .

format:  ## rewrite the code in the project's style
	@.venv/bin/ruff format . && .venv/bin/ruff check --fix .

bench:  ## quick runs of the benchmarks (a few minutes; JSON in artifacts/bench/); full runs: README
	@mkdir -p artifacts/bench
	@.venv/bin/python -m bench.war_engine --quick --json artifacts/bench/war_engine.json
	@.venv/bin/python -m bench.load --bots 50 --seconds 20 --compare-stock --fast-logins --json artifacts/bench/load.json
