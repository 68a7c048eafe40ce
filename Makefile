# Makefile: the two commands of README.md, and a few more.
#   make run    install dependencies, build, extract the bundled samples
#   make test   install dependencies, build, run every test (also under ASan+UBSan)
#   make bench  extraction throughput benchmark (bench/RESULTS.md)
#   make bench-search, make bench-match  search and matching benchmarks
BUILD ?= build
SAN_BUILD ?= build-san
FUZZ_BUILD ?= build-fuzz

.PHONY: all deps build run test test-plain test-san test-fuzz bench bench-search bench-match clean

all: build

deps:
	./scripts/install-deps.sh

$(BUILD)/build.ninja:
	meson setup $(BUILD) --buildtype=release -Db_lto=true

build: $(BUILD)/build.ninja
	ninja -C $(BUILD)

run: deps build
	$(BUILD)/zhengce extract --format table data/samples/
	rm -f $(BUILD)/samples.db
	$(BUILD)/zhengce ingest --db $(BUILD)/samples.db data/samples/
	$(BUILD)/zhengce search --db $(BUILD)/samples.db --format table --facets 申报
	@echo "Next: $(BUILD)/zhengce serve --db $(BUILD)/samples.db, then open http://127.0.0.1:8080/"

test: deps test-plain test-san test-fuzz

test-plain: build
	meson test -C $(BUILD) --print-errorlogs

$(SAN_BUILD)/build.ninja:
	CC=clang meson setup $(SAN_BUILD) --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false

test-san: $(SAN_BUILD)/build.ninja
	ninja -C $(SAN_BUILD)
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ASAN_OPTIONS=detect_leaks=1 \
	  meson test -C $(SAN_BUILD) --print-errorlogs --no-suite slow

$(FUZZ_BUILD)/build.ninja:
	CC=clang meson setup $(FUZZ_BUILD) --buildtype=debug -Dfuzz=true -Dtests=false -Db_lundef=false

# Build the libFuzzer harnesses and run each briefly from its corpus.
test-fuzz: $(FUZZ_BUILD)/build.ninja
	ninja -C $(FUZZ_BUILD)
	for f in decode clean split extract query profile request web docx postings; do \
	  mkdir -p $(FUZZ_BUILD)/corpus-$$f; \
	  $(FUZZ_BUILD)/fuzz/fuzz-$$f -max_total_time=10 -max_len=65536 -timeout=10 -rss_limit_mb=1024 \
	    $(FUZZ_BUILD)/corpus-$$f fuzz/corpus/$$f >/dev/null 2>$(FUZZ_BUILD)/fuzz-$$f.log \
	    || { tail -40 $(FUZZ_BUILD)/fuzz-$$f.log; exit 1; }; \
	done
	@echo "fuzz: 10 harnesses ran clean"

bench: deps build
	./bench/extract-bench.sh

# Ingest and search on 100,000+ generated notices, beside SQLite trigram,
# Groonga and Xapian (installed from Debian by the script); about 25 minutes.
bench-search: deps build
	./bench/search-bench.sh

# 1,000,000 company profiles against 1,000 open notices, beside a SQL join.
bench-match: deps build
	./bench/match-bench.sh

clean:
	rm -rf $(BUILD) $(SAN_BUILD) $(FUZZ_BUILD)
