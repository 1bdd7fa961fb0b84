# rdnsaudit -- one non-recursive Makefile.
#
#   make            build build/rdnsaudit
#   make deps       install the Debian packages the build and tests need,
#                   and the npm packages of the SARIF validation
#   make test       unit tests (cmocka), end-to-end tests of the binary,
#                   SARIF output against the SARIF 2.1.0 schema, live tests
#                   (AXFR, --resolve) against a local BIND named, the
#                   differential test against BIND and the corpus audit
#   make html       the HTML report in headless Chromium (part of make test)
#   make demo       audit fixtures/demo
#   make asan       the whole test suite again under ASan + UBSan
#   make fuzz       the fast-path differential fuzz target (FUZZ_TIME=s)
#   make bench      benchmarks against the peers (not part of make test)
#   make clean
#
# Sources are found by wildcard: a new core/foo.c or tests/unit/test_foo.c
# needs no edit here.

CC ?= cc
BUILD ?= build
PKGS = ldns yaml-0.1
WARN = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes -Wno-unused-parameter
# Warnings are errors in CI (CI=true is set by the CI runner).
ifneq ($(CI),)
WARN += -Werror
endif
OPT ?= -O2 -g
CFLAGS_ALL = -std=c11 -D_GNU_SOURCE $(OPT) $(WARN) -I. \
	$(shell pkg-config --cflags $(PKGS) 2>/dev/null) $(EXTRA_CFLAGS) $(CFLAGS)
LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lldns -lyaml) -lpthread
LDFLAGS_ALL = $(EXTRA_LDFLAGS) $(LDFLAGS)

LIB_SRC = $(wildcard core/*.c) $(wildcard zones/*.c) \
	  $(filter-out cmd/main.c,$(wildcard cmd/*.c))
LIB_OBJ = $(LIB_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ = $(BUILD)/cmd/main.o
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BIN = $(BUILD)/rdnsaudit

ifeq ($(V),1)
Q =
else
Q = @
endif

.PHONY: all deps deps-build deps-html npm-deps test unit cli sarif html diff-bind corpus live demo asan fuzz bench clean
all: $(BIN)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC $@")
	$(Q)$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(BUILD)/librda.a: $(LIB_OBJ)
	$(Q)rm -f $@ && ar rcs $@ $^

$(BIN): $(MAIN_OBJ) $(BUILD)/librda.a
	@$(if $(Q),echo "  LD $@")
	$(Q)$(CC) $(CFLAGS_ALL) -o $@ $^ $(LDFLAGS_ALL) $(LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/librda.a
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC $@")
	$(Q)$(CC) $(CFLAGS_ALL) -MMD -MP -MF $@.d -o $@ $< $(BUILD)/librda.a \
		$(LDFLAGS_ALL) $(LIBS) -lcmocka

# Debian packages: libraries, cmocka, and the peers the differential test
# compares against.  Installed only when missing, so a ready machine does
# not need root.
# bind9: the real authoritative server of the live tests (tests/live).
BUILD_PKGS = libldns-dev libyaml-dev pkg-config
DEB_PKGS = $(BUILD_PKGS) libcmocka-dev bind9-utils bind9 python3 clang
# The peers `make bench` times rdnsaudit against.
BENCH_PKGS = knot-dnssecutils validns bind9-utils

# Installs those of the Debian packages named in $(1) that are missing.
define apt_missing
	@missing=""; for p in $(1); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
endef

# What building needs (make demo); make deps adds what the tests need.
deps-build:
	$(call apt_missing,$(BUILD_PKGS))

deps:
	$(call apt_missing,$(DEB_PKGS))
	@$(MAKE) --no-print-directory npm-deps

# The SARIF test validates with ajv and the SARIF SDK (tests/sarif/, exact
# versions in its package-lock.json).  Node.js and npm come from Debian
# when the machine has none.
npm-deps:
	@if ! command -v node >/dev/null || ! command -v npm >/dev/null; then \
		echo "installing: nodejs npm"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
			nodejs npm; \
	fi
	@if [ ! -f tests/sarif/node_modules/.package-lock.json ] || \
	    [ tests/sarif/package-lock.json -nt \
	      tests/sarif/node_modules/.package-lock.json ]; then \
		echo "npm ci (tests/sarif)"; \
		cd tests/sarif && npm ci --no-audit --no-fund --loglevel=error; \
	fi

# The browser for the HTML report's end-to-end test: big, so `make html`
# installs it on demand; `make deps` (and so `make test`) installs it too.
HTML_DEB_PKGS = chromium chromium-driver
deps: DEB_PKGS += $(HTML_DEB_PKGS)
deps-html:
	@$(MAKE) --no-print-directory deps DEB_PKGS="$(HTML_DEB_PKGS)"

unit: $(UNIT_BIN)
	@fail=0; for t in $(UNIT_BIN); do \
		echo "== $$t"; $$t || fail=1; done; exit $$fail

cli: $(BIN)
	@sh tests/cli/run.sh $(BIN)

diff-bind: $(BIN)
	@sh tests/diff/bind_diff.sh $(BIN)

corpus: $(BIN)
	@bash tests/corpus/audit.sh $(BIN)

# Zone transfers and live resolution against a named started on the
# loopback at a free port (tests/live/run.sh); no other traffic.
live: $(BIN)
	@sh tests/live/run.sh $(BIN)

sarif: $(BIN)
	@sh tests/sarif/run.sh $(BIN)

html: $(BIN) deps-html
	@python3 tests/html/e2e.py $(BIN)

test: deps
	$(MAKE) --no-print-directory all unit cli sarif html live diff-bind corpus fuzz
	@if [ -z "$(NO_ASAN)" ]; then $(MAKE) --no-print-directory asan; fi

demo: deps-build
	@$(MAKE) --no-print-directory all
	@echo "\$$ build/rdnsaudit fixtures/demo/*.zone"
	@$(BIN) fixtures/demo/*.zone; rc=$$?; \
		echo "(exit status $$rc: 0 clean, 1 findings, 2 load error)"; \
		[ $$rc -le 1 ]

# The same suite built with AddressSanitizer and UndefinedBehaviorSanitizer,
# in its own build directory.
asan:
	ASAN_OPTIONS=fast_unwind_on_malloc=0 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/unit/lsan.supp \
	$(MAKE) --no-print-directory BUILD=build/asan NO_ASAN=1 \
		OPT="-O1 -g -fno-omit-frame-pointer" \
		EXTRA_CFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all" \
		EXTRA_LDFLAGS="-fsanitize=address,undefined" all unit cli live

# libFuzzer (clang): the fast record path against ldns, FUZZ_TIME seconds
# from the seeds in tests/fuzz/seeds (a short run in make test).
FUZZ_TIME ?= 30
FUZZ_CC ?= clang
FUZZ_BIN = $(BUILD)/fuzz/fuzz_fast
$(FUZZ_BIN): tests/fuzz/fuzz_fast.c zones/fast.c zones/fast.h core/names.c
	@mkdir -p $(dir $@) $(BUILD)/fuzz/corpus
	@$(if $(Q),echo "  FUZZ $@")
	$(Q)$(FUZZ_CC) -std=c11 -D_GNU_SOURCE -g -O1 -I. \
		-fsanitize=fuzzer,address,undefined \
		$(shell pkg-config --cflags ldns 2>/dev/null) -o $@ \
		tests/fuzz/fuzz_fast.c zones/fast.c core/names.c \
		$(shell pkg-config --libs ldns 2>/dev/null || echo -lldns)

fuzz: $(FUZZ_BIN)
	@echo "== fuzz_fast ($(FUZZ_TIME) s)"
	$(Q)$(FUZZ_BIN) -max_total_time=$(FUZZ_TIME) -max_len=300 \
		-print_final_stats=1 $(BUILD)/fuzz/corpus tests/fuzz/seeds \
		2>$(BUILD)/fuzz/log || { tail -40 $(BUILD)/fuzz/log; exit 1; }
	@grep -E "stat::number_of_executed_units|Done" $(BUILD)/fuzz/log

# Figures, not tests: seeded zone sets of 1M and 5M records audited by
# rdnsaudit and loaded by the peers on the same files, 10M for linearity,
# and the scaling cases.  BENCH_ARGS passes options to the runner (e.g.
# BENCH_ARGS="--sizes 1000000 --reps 1 --big 0 --cases ''").
bench:
	@$(MAKE) --no-print-directory deps DEB_PKGS="$(DEB_PKGS) $(BENCH_PKGS)"
	@$(MAKE) --no-print-directory all
	python3 tests/bench/run.py $(BIN) --dir $(BUILD)/bench $(BENCH_ARGS)

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
