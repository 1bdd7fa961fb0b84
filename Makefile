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
#   make tsan       the threaded paths under ThreadSanitizer
#   make valgrind   the unit tests under valgrind memcheck
#   make hostile    hostile inputs: exit status, message, peak memory
#   make fuzz       every libFuzzer target for FUZZ_SECONDS (tests/fuzz/),
#                   the fast-path differential target among them
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
# Fuzz targets: tests/fuzz/fuzz_NAME.c, linked with libFuzzer by `make fuzz`
# or with FUZZ_DRIVER (a main() that replays files) everywhere else.
FUZZ_SRC = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN = $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)
FUZZ_DRIVER ?= tests/fuzz/standalone.c
FUZZ_SECONDS ?= 60
FUZZ_CI_SECONDS ?= 20

ifeq ($(V),1)
Q =
else
Q = @
endif

.PHONY: all deps deps-build deps-html npm-deps test unit cli sarif html \
	diff-bind corpus live demo asan tsan clean valgrind hostile fuzz fuzz-bins \
	fuzz-regress bench
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

# tests/unit/corpus.c: the shared-corpus walk of the tests that read it.
$(BUILD)/tests/corpus.o: tests/unit/corpus.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/tests/corpus.o $(BUILD)/librda.a
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC $@")
	$(Q)$(CC) $(CFLAGS_ALL) -MMD -MP -MF $@.d -o $@ $< \
		$(BUILD)/tests/corpus.o $(BUILD)/librda.a \
		$(LDFLAGS_ALL) $(LIBS) -lcmocka

$(BUILD)/fuzz/%: tests/fuzz/%.c tests/fuzz/common.c $(FUZZ_DRIVER) \
		$(BUILD)/librda.a
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC $@")
	$(Q)$(CC) $(CFLAGS_ALL) -o $@ $< tests/fuzz/common.c $(FUZZ_DRIVER) \
		$(BUILD)/librda.a $(LDFLAGS_ALL) $(LIBS)

# Debian packages: libraries, cmocka, and the peers the differential test
# compares against; clang (libFuzzer) and valgrind for the hardening runs.
# Installed only when missing, so a ready machine does not need root.
# bind9: the real authoritative server of the live tests (tests/live).
BUILD_PKGS = libldns-dev libyaml-dev pkg-config
DEB_PKGS = $(BUILD_PKGS) libcmocka-dev bind9-utils bind9 python3 clang \
	libclang-rt-14-dev valgrind
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

# The past crashes of every fuzz target (tests/fuzz/regress/NAME/), replayed
# without libFuzzer.
fuzz-bins: $(FUZZ_BIN)
fuzz-regress: $(FUZZ_BIN)
	@for b in $(FUZZ_BIN); do n=$${b##*/fuzz_}; \
		if [ -d tests/fuzz/regress/$$n ]; then \
			LSAN_OPTIONS=suppressions=$(CURDIR)/tests/fuzz/lsan.supp \
			    $$b tests/fuzz/regress/$$n || exit 1; \
		else echo "$$b: no regression inputs yet"; fi; done

TEST_SUITES = unit cli sarif html live diff-bind corpus fuzz-regress hostile \
	valgrind
test: deps
	$(MAKE) --no-print-directory all $(TEST_SUITES)
	@if [ -z "$(NO_ASAN)" ]; then $(MAKE) --no-print-directory asan; fi
	@if [ -z "$(NO_TSAN)" ]; then $(MAKE) --no-print-directory tsan; fi
	@if [ -z "$(NO_FUZZ)" ]; then $(MAKE) --no-print-directory fuzz \
		FUZZ_SECONDS=$(FUZZ_CI_SECONDS); fi
	@# Reached only when every suite above passed (make stops at the
	@# first failure): the closing count CI reads.
	@echo "suites: $(words $(TEST_SUITES) $(if $(NO_ASAN),,asan) $(if $(NO_TSAN),,tsan) $(if $(NO_FUZZ),,fuzz)) passed, 0 failed"

# Unit tests under valgrind: any memory error or definite leak fails, but
# for ldns 1.8.3's own leaks on bad rdata (tests/fuzz/valgrind.supp: the
# corpus that test_fast reads has such records).  The
# fuzz regression inputs too (the leak check for ldns objects; see
# tests/fuzz/lsan.supp).
valgrind: $(UNIT_BIN)
	@for t in $(UNIT_BIN); do echo "== valgrind $$t"; \
		valgrind -q --error-exitcode=99 --leak-check=full \
		    --errors-for-leak-kinds=definite \
		    --suppressions=$(CURDIR)/tests/fuzz/valgrind.supp \
		    --show-leak-kinds=definite $$t >$$t.vg.log 2>&1; \
		rc=$$?; if [ $$rc != 0 ]; then tail -40 $$t.vg.log; \
		echo "valgrind: $$t failed (exit $$rc)"; exit 1; fi; \
		grep -E '^\[  (PASSED|FAILED)' $$t.vg.log; done
	@$(MAKE) --no-print-directory fuzz-bins
	@sh tests/fuzz/replay.sh $(BUILD)/fuzz tests/fuzz/regress

hostile: $(BIN) $(BUILD)/maxrss
	@sh tests/hostile/run.sh $(BIN) $(BUILD)/maxrss

$(BUILD)/maxrss: tests/hostile/maxrss.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS_ALL) -o $@ $<

# libFuzzer: the library and every target built with clang and ASan +
# UBSan in build/libfuzzer, then each target run for FUZZ_SECONDS.
fuzz:
	@command -v clang >/dev/null || { echo "make fuzz needs clang (make deps)"; exit 1; }
	$(MAKE) --no-print-directory BUILD=build/libfuzzer CC=clang FUZZ_DRIVER= \
		OPT="-O1 -g -fno-omit-frame-pointer" \
		EXTRA_CFLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all" \
		EXTRA_LDFLAGS="-fsanitize=fuzzer,address,undefined" fuzz-bins
	@sh tests/fuzz/run.sh build/libfuzzer/fuzz $(FUZZ_SECONDS)
	@$(MAKE) --no-print-directory fuzz-bins
	@sh tests/fuzz/replay.sh $(BUILD)/fuzz build/libfuzzer/fuzz/corpus

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
		EXTRA_LDFLAGS="-fsanitize=address,undefined" all unit cli live \
		fuzz-regress

# The parser-to-builder pipe, the parallel index loops and the parallel
# checks under ThreadSanitizer (clang, as for libFuzzer): tests/tsan/run.sh.
tsan: $(BIN)
	@command -v clang >/dev/null || { echo "make tsan needs clang (make deps)"; exit 1; }
	$(Q)$(MAKE) --no-print-directory BUILD=build/tsan CC=clang \
		OPT="-O1 -g -fno-omit-frame-pointer" \
		EXTRA_CFLAGS="-fsanitize=thread" EXTRA_LDFLAGS="-fsanitize=thread" \
		build/tsan/rdnsaudit build/tsan/tests/test_pipe \
		build/tsan/tests/test_xref
	@sh tests/tsan/run.sh build/tsan $(BIN)

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
