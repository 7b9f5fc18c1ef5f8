# The two commands: `make run` and `make test`. Both install what is missing first.
.PHONY: deps build build-release web run test bench fuzz cluster format clean

JOBS := $(shell nproc)
# A compiler cache when the machine has one (install-deps installs it); paths relative to here.
ifneq ($(shell command -v ccache),)
export CMAKE_CXX_COMPILER_LAUNCHER := ccache
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1
endif
PAIRWISE := ./build/release/src/cli/pairwise
DEMO_PEOPLE ?= 20000

deps:
	@scripts/install-deps.sh

build-release: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j$(JOBS) --target pairwise

web: deps
	@cd web && npm run build --silent

run: build-release web
	@echo
	@echo "Pairwise is starting at http://localhost:8080 (Ctrl-C stops it)."
	@echo "The database is $${PAIRWISE_DATABASE:-sqlite:./pairwise.db}; an empty one gets a demo organization of $(DEMO_PEOPLE) people."
	@test -f pairwise.notes-key || (openssl rand -hex 32 2>/dev/null || od -An -N32 -tx1 /dev/urandom | tr -d ' \n') > pairwise.notes-key
	@chmod 600 pairwise.notes-key
	@PAIRWISE_NOTES_KEY_FILE=$${PAIRWISE_NOTES_KEY_FILE:-pairwise.notes-key} $(PAIRWISE) --log-level warn demo --if-empty --people $(DEMO_PEOPLE) > /dev/null
	@$(PAIRWISE) --log-level warn account demo-logins
	@echo
	@PAIRWISE_NOTES_KEY_FILE=$${PAIRWISE_NOTES_KEY_FILE:-pairwise.notes-key} $(PAIRWISE) serve --listen 127.0.0.1:8080 --web-root web/dist --demo-if-empty --demo-people $(DEMO_PEOPLE)

test: deps
	@scripts/test.sh

bench: deps
	@scripts/bench.sh

# The libFuzzer targets, longer than `make test` runs them (FUZZ_SECONDS each).
FUZZ_SECONDS ?= 300
fuzz: deps
	@scripts/fuzz.sh $(FUZZ_SECONDS)

# PostgreSQL 15, two servers and haproxy in front, on loopback; Ctrl-C stops them all.
cluster: build-release
	@scripts/cluster.sh

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

clean:
	rm -rf build web/dist
