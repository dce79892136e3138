# Entry points. CMake does the building; these targets install what is
# missing (apt), configure once and build.
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all deps build test test-asan fuzz demo bench install docs clean

all: build

deps:
	@scripts/deps.sh

$(BUILD)/CMakeCache.txt:
	@scripts/deps.sh
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

build: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

test:
	@scripts/deps.sh --with-tfdriver
	@$(MAKE) --no-print-directory build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

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
