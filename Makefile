# computesim — build, tests, demo, benchmark, fuzzing.
#
#   make            build ./computesim
#   make mpi        build ./computesim-mpi with mpicc (docs/cluster.md)
#   make deps       install what is missing (apt), nothing when all present
#   make check      deps + the test suite twice: normal and ASan/UBSan
#   make demo       deps + build + run scenarios/meta-base.yaml with charts
#   make bench      trials/s and peak memory (see tools/bench.sh)
#   make fuzz       libFuzzer over the loader (FUZZ_SECONDS, default 60)
#   make install    binary, gnuplot scripts, schema, man page, bash
#                   completion under $(DESTDIR)$(PREFIX) (default /usr/local)
#   make uninstall  removes exactly what install put there
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

# Sources in folders by layer, lowest first (docs/design.md); a layer's
# private headers sit beside its sources, the interfaces between layers in
# include/. tools/layers.sh (in `make check`) fails when an object uses a
# symbol of a higher layer.
LAYERS   := util yaml stats load engine report cli
LIB_SRCS := $(filter-out sim/cli/main.c,$(foreach l,$(LAYERS),$(wildcard sim/$(l)/*.c)))
LIB_OBJS := $(LIB_SRCS:sim/%.c=$(BUILD)/obj/%.o)
PRIV_INC := $(foreach l,$(LAYERS),-Isim/$(l))
TEST_SRCS := $(wildcard tests/check_*.c)
TEST_BINS := $(TEST_SRCS:tests/%.c=$(BUILD)/tests/%)
BIN := $(BUILD)/computesim

# computesim-mpi: the same objects, main.c without its main, and the MPI
# layer (sim/mpi/, the only code that includes mpi.h), linked by mpicc.
MPICC    ?= mpicc
MPI_SRCS := $(wildcard sim/mpi/*.c)
MPI_OBJS := $(MPI_SRCS:sim/mpi/%.c=$(BUILD)/mpi/%.o)
MPI_BIN  := $(BUILD)/computesim-mpi

.PHONY: all deps check test demo bench fuzz clean docs install uninstall mpi

all: $(BIN)
ifeq ($(BUILD),build)
all: computesim
computesim: $(BIN)
	cp $(BIN) $@
endif

# a source sees include/ and its own folder's private headers only
$(BUILD)/obj/%.o: sim/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -I$(dir $<) -c $< -o $@

$(BIN): $(LIB_OBJS) $(BUILD)/obj/cli/main.o
	$(CC) -o $@ $^ $(LDLIBS_ALL)

$(BUILD)/mpi/%.o: sim/mpi/%.c
	@mkdir -p $(dir $@)
	$(MPICC) $(CFLAGS_ALL) $(PRIV_INC) -c $< -o $@

$(BUILD)/mpi/cli_main.o: sim/cli/main.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Isim/cli -DCOMPUTESIM_NO_MAIN -c $< -o $@

$(MPI_BIN): $(LIB_OBJS) $(BUILD)/mpi/cli_main.o $(MPI_OBJS)
	$(MPICC) -o $@ $^ $(LDLIBS_ALL)

mpi: $(MPI_BIN)
ifeq ($(BUILD),build)
mpi: computesim-mpi
computesim-mpi: $(MPI_BIN)
	cp $(MPI_BIN) $@
endif

# tests may reach into any layer's private headers
$(BUILD)/tests/%: tests/%.c $(LIB_OBJS) tests/testutil.h tests/testdata.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(PRIV_INC) $(CHECK_CFLAGS) -Itests -o $@ $< \
		$(LIB_OBJS) $(CHECK_LIBS) $(LDLIBS_ALL)

# the loader under failing allocations: the project's calls to malloc,
# calloc, realloc and strdup go through the test's wrappers
$(BUILD)/tests/check_alloc: tests/check_alloc.c $(LIB_OBJS) tests/testutil.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(PRIV_INC) $(CHECK_CFLAGS) -Itests -o $@ $< \
		$(LIB_OBJS) -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc \
		-Wl,--wrap=strdup $(CHECK_LIBS) $(LDLIBS_ALL)

deps:
	@sh tools/deps.sh

# The suite: every Check binary, then the command-line scripts. Each prints
# its summary line; the first failure stops make with a non-zero status.
test: $(BIN) $(MPI_BIN) $(TEST_BINS)
	@sh tools/layers.sh $(BUILD)/obj $(LAYERS)
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

# ---- install -------------------------------------------------------------
# As a Debian tool: PREFIX (default /usr/local), DESTDIR for staging
# (make install DESTDIR=/tmp/x PREFIX=/usr). The installed binary finds
# its scripts at ../share/computesim/plots from its own directory
# (sim/report/plot.c), so a staged tree runs as it is. uninstall removes exactly
# the files install wrote, then the two directories that are computesim's
# own when they are empty; it leaves bin/, man1/ and completions/.
PREFIX     ?= /usr/local
DESTDIR    ?=
INSTALL    ?= install
BINDIR     := $(PREFIX)/bin
SHAREDIR   := $(PREFIX)/share/computesim
MAN1DIR    := $(PREFIX)/share/man/man1
BASHCOMPDIR := $(PREFIX)/share/bash-completion/completions
PLOT_FILES := $(notdir $(wildcard plots/*.gp))

install: $(BIN)
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SHAREDIR)/plots \
		$(DESTDIR)$(MAN1DIR) $(DESTDIR)$(BASHCOMPDIR)
	$(INSTALL) -m 755 $(BIN) $(DESTDIR)$(BINDIR)/computesim
	$(INSTALL) -m 644 $(addprefix plots/,$(PLOT_FILES)) \
		$(DESTDIR)$(SHAREDIR)/plots/
	$(INSTALL) -m 644 scenarios/schema.json $(DESTDIR)$(SHAREDIR)/schema.json
	$(INSTALL) -m 644 computesim.1 $(DESTDIR)$(MAN1DIR)/computesim.1
	$(INSTALL) -m 644 completions/computesim.bash \
		$(DESTDIR)$(BASHCOMPDIR)/computesim

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/computesim \
		$(addprefix $(DESTDIR)$(SHAREDIR)/plots/,$(PLOT_FILES)) \
		$(DESTDIR)$(SHAREDIR)/schema.json \
		$(DESTDIR)$(MAN1DIR)/computesim.1 \
		$(DESTDIR)$(BASHCOMPDIR)/computesim
	rmdir $(DESTDIR)$(SHAREDIR)/plots 2>/dev/null || true
	rmdir $(DESTDIR)$(SHAREDIR) 2>/dev/null || true

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
