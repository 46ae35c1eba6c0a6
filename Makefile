# The two commands of README.md: `make run` and `make test`.
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc)
CMAKE_GEN  := $(shell command -v ninja >/dev/null 2>&1 && echo "-G Ninja")
VESTNIK    := $(BUILD)/tools/vestnik/vestnik
SEED       := ../shared/seed/000_fe472cf9f28a5c5d.txt
DB         := $(BUILD)/vestnik.db

.PHONY: all deps build run test test-release test-asan bench clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# Ingests examples/ (and the seed) into a fresh store and reports from the store.
run: build
	@rm -f $(DB) $(DB)-wal $(DB)-shm
	@echo "== vestnik ingest: examples/ into $(DB) =="
	@if [ -f $(SEED) ]; then $(VESTNIK) ingest --db $(DB) examples $(SEED); \
	  else echo "(../shared/seed is absent: the seed article is skipped)"; \
	  $(VESTNIK) ingest --db $(DB) examples; fi
	@echo "== who said what: vestnik quotes --db $(DB) =="
	@$(VESTNIK) quotes --db $(DB) --format table --limit 0
	@echo "== the most mentioned: vestnik entity --db $(DB) =="
	@$(VESTNIK) entity --db $(DB) --top 8
	@echo "== one of them, asked in Latin letters: vestnik entity Brnabic --db $(DB) =="
	@$(VESTNIK) entity --db $(DB) Brnabic
	@if [ -f $(SEED) ]; then echo "== a speaker asked in Cyrillic: vestnik quotes --speaker Руге --db $(DB) =="; \
	  $(VESTNIK) quotes --db $(DB) --speaker Руге; fi

test: test-release test-asan

test-release: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The same tests under AddressSanitizer and UndefinedBehaviorSanitizer (Debug, no optimisation
# of the slow corpus gates: those are labelled `corpus` and run in the Release pass only).
test-asan: deps
	@cmake -S . -B $(ASAN_BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVESTNIK_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS) -LE corpus

bench: deps
	@cmake -S . -B $(BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Release -DVESTNIK_BUILD_BENCH=ON >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)
	@bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
