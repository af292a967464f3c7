# computesim — build, tests, demo, benchmark, fuzzing.
#
#   make            build ./computesim
#   make mpi        build ./computesim-mpi with mpicc (docs/cluster.md)
#   make deps       install what is missing (apt), nothing when all present
#   make check      deps + the test suite twice: normal and ASan/UBSan
#   make demo       deps + build + run scenarios/meta-base.yaml with charts
#   make bench      trials/s and peak memory (see tools/bench.sh)
#   make fuzz       libFuzzer over the loader (FUZZ_SECONDS, default 60)
#
# BUILD=dir puts objects and binaries in dir (default build/); the default
# build also copies the binary to ./computesim.

BUILD    ?= build
CC       ?= cc
PKGS     := gsl yaml-0.1
OPT      ?= -O2 -g
WERROR   ?=
SAN      ?=
CFLAGS_ALL = -std=c11 -Wall -Wextra -Wpedantic $(WERROR) $(OPT) $(SAN) \
	     -D_GNU_SOURCE -Iinclude -MMD -MP \
	     -DCOMPUTESIM_PLOTS_DIR='"$(abspath plots)"' \
	     $(shell pkg-config --cflags $(PKGS) 2>/dev/null) $(CFLAGS)
LDLIBS_ALL = $(SAN) $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm $(LDFLAGS)
CHECK_CFLAGS = $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS   = $(shell pkg-config --libs check 2>/dev/null)

LIB_SRCS := $(filter-out sim/main.c,$(wildcard sim/*.c))
LIB_OBJS := $(LIB_SRCS:sim/%.c=$(BUILD)/obj/%.o)
TEST_SRCS := $(wildcard tests/check_*.c)
TEST_BINS := $(TEST_SRCS:tests/%.c=$(BUILD)/tests/%)
BIN := $(BUILD)/computesim

# computesim-mpi: the same objects, main.c without its main, and the MPI
# layer (sim/mpi/, the only code that includes mpi.h), linked by mpicc.
MPICC    ?= mpicc
MPI_SRCS := $(wildcard sim/mpi/*.c)
MPI_OBJS := $(MPI_SRCS:sim/mpi/%.c=$(BUILD)/mpi/%.o)
MPI_BIN  := $(BUILD)/computesim-mpi

.PHONY: all deps check test demo bench fuzz clean docs mpi

all: $(BIN)
ifeq ($(BUILD),build)
all: computesim
computesim: $(BIN)
	cp $(BIN) $@
endif

$(BUILD)/obj/%.o: sim/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(BIN): $(LIB_OBJS) $(BUILD)/obj/main.o
	$(CC) -o $@ $^ $(LDLIBS_ALL)

$(BUILD)/mpi/%.o: sim/mpi/%.c
	@mkdir -p $(dir $@)
	$(MPICC) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/mpi/cli_main.o: sim/main.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -DCOMPUTESIM_NO_MAIN -c $< -o $@

$(MPI_BIN): $(LIB_OBJS) $(BUILD)/mpi/cli_main.o $(MPI_OBJS)
	$(MPICC) -o $@ $^ $(LDLIBS_ALL)

mpi: $(MPI_BIN)
ifeq ($(BUILD),build)
mpi: computesim-mpi
computesim-mpi: $(MPI_BIN)
	cp $(MPI_BIN) $@
endif

$(BUILD)/tests/%: tests/%.c $(LIB_OBJS) tests/testutil.h tests/testdata.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(CHECK_CFLAGS) -Itests -o $@ $< $(LIB_OBJS) \
		$(CHECK_LIBS) $(LDLIBS_ALL)

deps:
	@sh tools/deps.sh

# The suite: every Check binary, then the command-line scripts. Each prints
# its summary line; the first failure stops make with a non-zero status.
test: $(BIN) $(MPI_BIN) $(TEST_BINS)
	@set -e; for t in $(TEST_BINS); do \
		CS_BIN=$(abspath $(BIN)) CS_ROOT=$(CURDIR) CK_DEFAULT_TIMEOUT=300 $$t; \
	done; \
	for s in tests/cli_*.sh; do \
		[ -e "$$s" ] || continue; \
		CS_BIN=$(abspath $(BIN)) CS_MPI_BIN=$(abspath $(MPI_BIN)) \
			CS_ROOT=$(CURDIR) sh $$s; \
	done

check: deps
	$(MAKE) --no-print-directory test BUILD=build/check WERROR=-Werror
	$(MAKE) --no-print-directory test BUILD=build/asan WERROR=-Werror OPT="-O1 -g" \
		SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"

demo: deps
	$(MAKE) --no-print-directory all
	./computesim run scenarios/meta-base.yaml --out out/meta-base

bench: deps
	$(MAKE) --no-print-directory all
	sh tools/bench.sh ./computesim

fuzz: deps
	sh tools/fuzz.sh

docs: all
	./computesim keys > docs/keys.md
	./computesim schema > scenarios/schema.json

clean:
	rm -rf build computesim computesim-mpi

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
