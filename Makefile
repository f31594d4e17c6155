# Two commands on a fresh machine: `make demo` and `make test`. Both install what they need first.
.PHONY: deps build test demo bench anonymity fuzz fuzz-api sanitize soak screenshots docs format lint clean

deps:
	@scripts/install-deps.sh

build: deps
	swift build --product tipline

test: deps
	scripts/test.sh

demo: build
	.build/debug/tipline demo

bench: deps
	scripts/bench.sh

anonymity: deps
	scripts/anonymity.sh

fuzz: deps
	scripts/fuzz.sh

fuzz-api: build
	scripts/api-contract.sh --long

sanitize: deps
	scripts/sanitize.sh

# A soak with faults (docs/reliability.md, "5. A soak with faults"), 5 minutes; `make test` runs a 1-minute one.
# Options: make soak SOAK_ARGS="--minutes 2 --seed 7 --load-rate 2000"
soak: deps
	scripts/soak.sh $(SOAK_ARGS)

screenshots: build
	scripts/screenshots.sh

docs: deps
	scripts/docs.sh

format:
	git ls-files --cached --others --exclude-standard -- '*.swift' | grep -v '^Package.swift$$' | xargs swift format format -i

lint:
	scripts/validate.sh

clean:
	rm -rf .build Benchmarks/.build
