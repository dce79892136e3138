# Entry points. CMake does the building; these targets install what is
# missing (apt), configure once and build.
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all deps build check test test-asan fuzz demo bench install docs clean

all: build

deps:
	@scripts/deps.sh

$(BUILD)/CMakeCache.txt:
	@scripts/deps.sh
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

build: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

# Everything CI runs: the build, every ctest suite (unit, simulator, protocol,
# end-to-end through tfdriver where ../shared/tfdriver exists), the same suite
# again under AddressSanitizer + UndefinedBehaviorSanitizer, then bounded
# libFuzzer runs of the msgpack and JSON decoders. `make check` is the first
# part alone.
TEST_FUZZ_SECONDS ?= 30
test: check
	@$(MAKE) --no-print-directory test-asan
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(TEST_FUZZ_SECONDS)

check:
	@scripts/deps.sh --with-tfdriver
	@$(MAKE) --no-print-directory build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# AddressSanitizer + UndefinedBehaviorSanitizer build of everything, then the
# same ctest suite (dynamic linking: the sanitizer runtimes need it).
test-asan:
	@scripts/deps.sh --with-tfdriver
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCIVO_SANITIZE=ON -DCIVO_STATIC=OFF $(CMAKE_FLAGS)
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1 \
	  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

# libFuzzer runs of the two decoders of Terraform's values (clang; non-zero
# exit on a crash): msgpack (every RPC's DynamicValue) and JSON (the stored
# state UpgradeResourceState decodes). FUZZ_SECONDS is the total, split
# between them (at least one second each).
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := msgpack json
fuzz:
	@scripts/deps.sh --with-fuzz
	CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCIVO_FUZZ=ON -DCIVO_BUILD_TESTS=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)
	cmake --build build-fuzz --target $(addsuffix _fuzz,$(FUZZ_TARGETS)) -j $(JOBS)
	@set -e; left=$(FUZZ_SECONDS); n=$(words $(FUZZ_TARGETS)); \
	for name in $(FUZZ_TARGETS); do \
	  secs=$$((left / n)); [ $$secs -ge 1 ] || secs=1; left=$$((left - secs)); n=$$((n - 1)); \
	  mkdir -p build-fuzz/corpus/$$name; \
	  cp -n tests/fuzz/corpus/$$name/* build-fuzz/corpus/$$name/ 2>/dev/null || true; \
	  echo "fuzz: $${name}_fuzz for $$secs s"; \
	  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:suppressions=$(CURDIR)/tests/fuzz/ubsan.supp \
	    build-fuzz/tests/fuzz/$${name}_fuzz -max_total_time=$$secs -timeout=10 -rss_limit_mb=2048 \
	    -artifact_prefix=build-fuzz/$${name}- build-fuzz/corpus/$$name; \
	done

clean:
	rm -rf $(BUILD) build-asan build-fuzz

# The user's path (README): demo, offline install, generated docs, benchmark.
demo:
	@BUILD=$(BUILD) scripts/demo.sh

install: build
	@BIN=$(BUILD)/terraform-provider-civo scripts/install.sh

docs: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) --target docgen -j $(JOBS)
	$(BUILD)/tools/docgen/docgen --out docs

bench:
	@BUILD=$(BUILD) scripts/bench.sh
