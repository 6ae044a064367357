/*
 * Shared option parsing, defaults and output for the Open MPI peers of the spmd4j OSU-style
 * benchmarks.
 *
 * The options, defaults and output format are the same as those of the Java programs in
 * io.spmd4j.benchmarks.osu and of the MPJ Express peers, so that run-peers.sh can compare the
 * three side by side. The methodology follows the OSU micro-benchmarks (osu_latency, osu_bw,
 * osu_bibw, osu_multi_lat, osu_allreduce, osu_barrier).
 */
#ifndef SPMD4J_OSU_COMMON_H
#define SPMD4J_OSU_COMMON_H

#include <errno.h>
#include <mpi.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OSU_MIN_SIZE_BYTES 1L
#define OSU_MAX_SIZE_BYTES (4L * 1024 * 1024)
#define OSU_ALLREDUCE_MAX_SIZE_BYTES (1024L * 1024)
/* Messages above this size use the "large" iteration and warm-up counts, as in OSU. */
#define OSU_LARGE_SIZE_BYTES 8192L
#define OSU_WINDOW 64
#define OSU_FIELD_WIDTH 18
#define OSU_FLOAT_PRECISION 2
#define OSU_ACK_BYTES 4
#define OSU_TAG_DATA 100
#define OSU_TAG_ACK 101
#define OSU_ROOT 0
/* Largest --warmup-seconds: an hour per size is surely a mistake. */
#define OSU_MAX_WARMUP_SECONDS 3600.0
/* The warm-up never exceeds this many iterations, far from overflowing the loop counter. */
#define OSU_MAX_WARMUP_ITERATIONS (1L << 30)

/* The tests of this suite; osu_start takes one and applies its defaults, options and world size. */
enum osu_test {
    OSU_TEST_LATENCY,
    OSU_TEST_BANDWIDTH,
    OSU_TEST_BIBW,
    OSU_TEST_MULTI_LATENCY,
    OSU_TEST_ALLREDUCE,
    OSU_TEST_BARRIER,
    OSU_TEST_BCAST,
    OSU_TEST_ALLGATHER,
    OSU_TEST_ALLTOALL
};

/* Which world sizes a test runs on. */
enum osu_ranks {
    OSU_RANKS_EXACTLY_TWO, /* ranks 0 and 1 */
    OSU_RANKS_PAIRS,       /* an even number, at least 2: pairs (i, i + np/2) */
    OSU_RANKS_AT_LEAST_TWO /* a collective over any number from 2 */
};

struct osu_options {
    long min_size;
    long max_size;
    long iterations;
    long warmup;
    long iterations_large;
    long warmup_large;
    long large_size;
    long window; /* bandwidth tests only */
    double warmup_seconds; /* minimum warm-up per size, on rank 0's clock; 0: the counts alone (OSU) */
};

struct osu_test_info {
    const char *title;  /* table title: "# Open MPI C OSU-style <title> Test" */
    const char *column; /* heading of the value column */
    const char *scope;  /* what the usage text says the test measures */
    enum osu_ranks ranks;
    int has_sizes;      /* takes --min-size, --max-size, --large-size and the large counts */
    int has_window;     /* takes --window */
    long smallest_size; /* smallest message: 8 bytes (one double) for the allreduce */
    struct osu_options defaults;
};

/*
 * OSU 5.x/7.x defaults: latency 10000/100 iterations/warm-up, 1000/10 above 8 KiB; bandwidth
 * 100/10, 20/2 above 8 KiB, window 64; collectives 1000/200, 100/10 above 8 KiB.
 */
static const struct osu_test_info OSU_TESTS[] = {
    [OSU_TEST_LATENCY] = {"Latency", "Latency (us)", "test between ranks 0 and 1",
                          OSU_RANKS_EXACTLY_TWO, 1, 0, 1,
                          {OSU_MIN_SIZE_BYTES, OSU_MAX_SIZE_BYTES, 10000, 100, 1000, 10,
                           OSU_LARGE_SIZE_BYTES, OSU_WINDOW, 0.0}},
    [OSU_TEST_BANDWIDTH] = {"Bandwidth", "Bandwidth (MB/s)", "test from rank 0 to rank 1",
                            OSU_RANKS_EXACTLY_TWO, 1, 1, 1,
                            {OSU_MIN_SIZE_BYTES, OSU_MAX_SIZE_BYTES, 100, 10, 20, 2,
                             OSU_LARGE_SIZE_BYTES, OSU_WINDOW, 0.0}},
    [OSU_TEST_BIBW] = {"Bi-Directional Bandwidth", "Bandwidth (MB/s)",
                       "test between ranks 0 and 1, both sending at once",
                       OSU_RANKS_EXACTLY_TWO, 1, 1, 1,
                       {OSU_MIN_SIZE_BYTES, OSU_MAX_SIZE_BYTES, 100, 10, 20, 2,
                        OSU_LARGE_SIZE_BYTES, OSU_WINDOW, 0.0}},
    [OSU_TEST_MULTI_LATENCY] = {"Multi Latency", "Latency (us)",
                                "test of all pairs (i, i + np/2) at once, averaged over ranks",
                                OSU_RANKS_PAIRS, 1, 0, 1,
                                {OSU_MIN_SIZE_BYTES, OSU_MAX_SIZE_BYTES, 10000, 100, 1000, 10,
                                 OSU_LARGE_SIZE_BYTES, OSU_WINDOW, 0.0}},
    [OSU_TEST_ALLREDUCE] = {"Allreduce Latency", "Avg Latency (us)",
                            "test (doubles, SUM) over all ranks, averaged over ranks",
                            OSU_RANKS_AT_LEAST_TWO, 1, 0, (long) sizeof(double),
                            {(long) sizeof(double), OSU_ALLREDUCE_MAX_SIZE_BYTES, 1000, 200, 100, 10,
                             OSU_LARGE_SIZE_BYTES, OSU_WINDOW, 0.0}},
    [OSU_TEST_BCAST] = {"Broadcast Latency", "Avg Latency (us)",
                        "test (bytes, root 0) over all ranks, averaged over ranks",
                        OSU_RANKS_AT_LEAST_TWO, 1, 0, 1,
                        {OSU_MIN_SIZE_BYTES, OSU_ALLREDUCE_MAX_SIZE_BYTES, 1000, 200, 100, 10,
                         OSU_LARGE_SIZE_BYTES, OSU_WINDOW, 0.0}},
    [OSU_TEST_ALLGATHER] = {"Allgather Latency", "Avg Latency (us)",
                            "test (bytes per rank) over all ranks, averaged over ranks",
                            OSU_RANKS_AT_LEAST_TWO, 1, 0, 1,
                            {OSU_MIN_SIZE_BYTES, OSU_ALLREDUCE_MAX_SIZE_BYTES, 1000, 200, 100, 10,
                             OSU_LARGE_SIZE_BYTES, OSU_WINDOW, 0.0}},
    [OSU_TEST_ALLTOALL] = {"All-to-All Personalized Exchange Latency", "Avg Latency (us)",
                           "test (bytes per pair of ranks) over all ranks, averaged over ranks",
                           OSU_RANKS_AT_LEAST_TWO, 1, 0, 1,
                           {OSU_MIN_SIZE_BYTES, OSU_ALLREDUCE_MAX_SIZE_BYTES, 1000, 200, 100, 10,
                            OSU_LARGE_SIZE_BYTES, OSU_WINDOW, 0.0}},
    [OSU_TEST_BARRIER] = {"Barrier Latency", "Avg Latency (us)", "test over all ranks, averaged over ranks",
                          OSU_RANKS_AT_LEAST_TWO, 0, 0, 1,
                          {OSU_MIN_SIZE_BYTES, OSU_MAX_SIZE_BYTES, 1000, 200, 1000, 200,
                           OSU_LARGE_SIZE_BYTES, OSU_WINDOW, 0.0}},
};

#define OSU_WARMUP_SECONDS_USAGE \
    "  --warmup-seconds S        warm up each size also for at least S seconds of rank 0's clock\n" \
    "                            (default 0: the warm-up counts alone, as OSU)\n"

static void osu_usage(FILE *out, const char *program, enum osu_test test)
{
    const struct osu_test_info *t = &OSU_TESTS[test];
    fprintf(out, "Usage: mpirun -np %s %s [options]\n",
            t->ranks == OSU_RANKS_EXACTLY_TWO ? "2" : "N", program);
    fprintf(out, "OSU-style %s %s.\n", t->title, t->scope);
    if (!t->has_sizes) {
        fprintf(out,
                "  --iterations N            timed iterations (default %ld)\n"
                "  --warmup N                untimed warm-up iterations (default %ld)\n"
                "%s"
                "  --help                    print this help and exit\n",
                t->defaults.iterations, t->defaults.warmup, OSU_WARMUP_SECONDS_USAGE);
        return;
    }
    fprintf(out,
            "  --min-size BYTES          smallest message size, power of two%s (default %ld)\n"
            "  --max-size BYTES          largest message size, power of two (default %ldM)\n"
            "  --iterations N            timed iterations per size up to --large-size (default %ld)\n"
            "  --warmup N                untimed warm-up iterations up to --large-size (default %ld)\n"
            "  --iterations-large N      timed iterations above --large-size (default %ld)\n"
            "  --warmup-large N          warm-up iterations above --large-size (default %ld)\n"
            "  --large-size BYTES        threshold for the large counts (default 8K)\n"
            "%s"
            "%s"
            "  --help                    print this help and exit\n"
            "Sizes accept the binary suffixes K, M and G.\n",
            t->smallest_size > 1 ? ", a multiple of 8 bytes" : "", t->defaults.min_size,
            t->defaults.max_size / (1024 * 1024), t->defaults.iterations, t->defaults.warmup,
            t->defaults.iterations_large, t->defaults.warmup_large, OSU_WARMUP_SECONDS_USAGE,
            t->has_window ? "  --window N                messages in flight per iteration (default 64)\n" : "");
}

/* Parses a non-negative count or size with an optional K/M/G suffix; returns -1 if invalid. */
static long osu_parse_long(const char *text)
{
    char *end;
    long multiplier = 1;
    long value;
    errno = 0;
    value = strtol(text, &end, 10);
    if (end == text || errno != 0 || value < 0) {
        return -1;
    }
    if (*end == 'K' || *end == 'k') {
        multiplier = 1024L;
        end++;
    } else if (*end == 'M' || *end == 'm') {
        multiplier = 1024L * 1024;
        end++;
    } else if (*end == 'G' || *end == 'g') {
        multiplier = 1024L * 1024 * 1024;
        end++;
    }
    if (*end != '\0' || value > LONG_MAX / multiplier) {
        return -1;
    }
    return value * multiplier;
}

/*
 * Parses a duration in seconds written as decimal digits with an optional fraction (0.5, 2, .25);
 * returns -1 if invalid or above OSU_MAX_WARMUP_SECONDS.
 */
static double osu_parse_seconds(const char *text)
{
    const char *p = text;
    int digits = 0;
    char *end;
    double value;
    while (*p >= '0' && *p <= '9') {
        p++;
        digits++;
    }
    if (*p == '.') {
        p++;
        while (*p >= '0' && *p <= '9') {
            p++;
            digits++;
        }
    }
    if (digits == 0 || *p != '\0' || p - text > 19) {
        return -1.0;
    }
    errno = 0;
    value = strtod(text, &end);
    if (errno != 0 || *end != '\0' || value > OSU_MAX_WARMUP_SECONDS) {
        return -1.0;
    }
    return value;
}

static int osu_is_power_of_two(long v)
{
    return v > 0 && (v & (v - 1)) == 0;
}

/*
 * Parses argv into *opts (pre-filled with the test's defaults). Returns 0 to run, 1 when --help was
 * given, 2 on a bad command line; in that case *error holds a one-line message.
 */
static int osu_parse(int argc, char **argv, enum osu_test test, struct osu_options *opts, char *error,
                     size_t error_len)
{
    const struct osu_test_info *t = &OSU_TESTS[test];
    int i;
    for (i = 1; i < argc; i++) {
        const char *name = argv[i];
        long *target = NULL;
        long value;
        if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
            return 1;
        }
        if (strcmp(name, "--warmup-seconds") == 0) {
            if (i + 1 >= argc) {
                snprintf(error, error_len, "option %s needs a value", name);
                return 2;
            }
            opts->warmup_seconds = osu_parse_seconds(argv[++i]);
            if (opts->warmup_seconds < 0.0) {
                snprintf(error, error_len,
                         "invalid value for %s: %s (seconds, a decimal number such as 0.5, from 0 to %d)", name,
                         argv[i], (int) OSU_MAX_WARMUP_SECONDS);
                return 2;
            }
            continue;
        }
        if (strcmp(name, "--iterations") == 0) {
            target = &opts->iterations;
        } else if (strcmp(name, "--warmup") == 0) {
            target = &opts->warmup;
        } else if (t->has_sizes && strcmp(name, "--min-size") == 0) {
            target = &opts->min_size;
        } else if (t->has_sizes && strcmp(name, "--max-size") == 0) {
            target = &opts->max_size;
        } else if (t->has_sizes && strcmp(name, "--iterations-large") == 0) {
            target = &opts->iterations_large;
        } else if (t->has_sizes && strcmp(name, "--warmup-large") == 0) {
            target = &opts->warmup_large;
        } else if (t->has_sizes && strcmp(name, "--large-size") == 0) {
            target = &opts->large_size;
        } else if (t->has_window && strcmp(name, "--window") == 0) {
            target = &opts->window;
        } else {
            snprintf(error, error_len, "unknown option: %s", name);
            return 2;
        }
        if (i + 1 >= argc) {
            snprintf(error, error_len, "option %s needs a value", name);
            return 2;
        }
        value = osu_parse_long(argv[++i]);
        if (value < 0 || value > INT_MAX) {
            snprintf(error, error_len, "invalid value for %s: %s", name, argv[i]);
            return 2;
        }
        *target = value;
    }
    if (!osu_is_power_of_two(opts->min_size) || !osu_is_power_of_two(opts->max_size)) {
        snprintf(error, error_len, "sizes must be powers of two: min-size=%ld, max-size=%ld",
                 opts->min_size, opts->max_size);
        return 2;
    }
    if (opts->min_size > opts->max_size) {
        snprintf(error, error_len, "min-size exceeds max-size: min-size=%ld, max-size=%ld",
                 opts->min_size, opts->max_size);
        return 2;
    }
    if (opts->min_size < t->smallest_size) {
        snprintf(error, error_len, "min-size must be at least %ld (one double): min-size=%ld",
                 t->smallest_size, opts->min_size);
        return 2;
    }
    if (opts->iterations < 1 || opts->iterations_large < 1 || opts->window < 1) {
        snprintf(error, error_len, "iterations and window must be at least 1");
        return 2;
    }
    return 0;
}

/* Writes why TEST cannot run on WORLD_SIZE ranks into ERROR and returns 1, or returns 0 when it can. */
static int osu_world_size_problem(enum osu_test test, int world_size, char *error, size_t error_len)
{
    switch (OSU_TESTS[test].ranks) {
    case OSU_RANKS_EXACTLY_TWO:
        if (world_size == 2) {
            return 0;
        }
        snprintf(error, error_len, "this test needs exactly 2 ranks: size=%d", world_size);
        return 1;
    case OSU_RANKS_PAIRS:
        if (world_size >= 2 && world_size % 2 == 0) {
            return 0;
        }
        snprintf(error, error_len, "this test needs an even number of ranks, at least 2: size=%d",
                 world_size);
        return 1;
    case OSU_RANKS_AT_LEAST_TWO:
    default:
        if (world_size >= 2) {
            return 0;
        }
        snprintf(error, error_len, "this test needs at least 2 ranks: size=%d", world_size);
        return 1;
    }
}

/*
 * Initialises MPI, fills *opts with the test's defaults, parses the options and checks the world
 * size. Returns -1 when the test should run; otherwise MPI is finalized and the return value is
 * the exit status (0 after --help, 2 after a bad command line, whose one-line error and the usage
 * rank 0 has printed).
 */
static int osu_start(int *argc, char ***argv, const char *program, enum osu_test test,
                     struct osu_options *opts, int *rank, int *world_size)
{
    char error[256];
    int parsed;

    MPI_Init(argc, argv);
    MPI_Comm_rank(MPI_COMM_WORLD, rank);
    MPI_Comm_size(MPI_COMM_WORLD, world_size);

    *opts = OSU_TESTS[test].defaults;
    parsed = osu_parse(*argc, *argv, test, opts, error, sizeof error);
    if (parsed == 0 && osu_world_size_problem(test, *world_size, error, sizeof error)) {
        parsed = 2;
    }
    if (parsed == 0) {
        return -1;
    }
    if (*rank == 0) {
        if (parsed == 2) {
            fprintf(stderr, "%s: %s\n", program, error);
        }
        osu_usage(parsed == 1 ? stdout : stderr, program, test);
    }
    MPI_Finalize();
    return parsed == 1 ? 0 : 2;
}

/* Prints the table title and header (rank 0 only). */
static void osu_print_header(enum osu_test test)
{
    printf("# Open MPI C OSU-style %s Test\n", OSU_TESTS[test].title);
    printf("# %-8s%*s\n", "Size", OSU_FIELD_WIDTH, OSU_TESTS[test].column);
    fflush(stdout);
}

/* Prints one row of the table, size left-aligned in 10 columns and the value in 18 (OSU's format). */
static void osu_print_row(long size, double value)
{
    printf("%-10ld%*.*f\n", size, OSU_FIELD_WIDTH, OSU_FLOAT_PRECISION, value);
    fflush(stdout);
}

/* Returns, on OSU_ROOT, the average over all ranks of VALUE (a sum reduction); collective. */
static inline double osu_average_over_ranks(double value, int world_size)
{
    double sum = 0.0;
    MPI_Reduce(&value, &sum, 1, MPI_DOUBLE, MPI_SUM, OSU_ROOT, MPI_COMM_WORLD);
    return sum / world_size;
}

/*
 * The untimed warm-up of one size: at least the warm-up count and, with --warmup-seconds S, at least
 * S seconds, as io.spmd4j.benchmarks.osu.Warmup. A program's loop calls osu_warmup_extend when its
 * counter reaches the warm-up count and goes on warming up until the call returns its argument:
 *
 *     osu_warmup_start(&gate, &opts);
 *     for (i = 0; i < iterations + warmup; i++) {
 *         if (i == warmup) {
 *             warmup = osu_warmup_extend(&gate, i);
 *             if (i == warmup) t_start = MPI_Wtime();
 *         }
 *         ... one iteration ...
 *     }
 *
 * Rank 0 alone reads its clock and decides; it broadcasts the length of the next block of warm-up
 * iterations (0 when S seconds have passed), so every rank runs the same iterations. A block is
 * estimated from rank 0's rate so far to last at most as long as the warm-up has lasted and at most
 * the time still missing (osu_warmup_next_block): few broadcasts, and no overshoot by a whole block.
 * With S = 0 there is no communication: OSU's warm-up, unchanged. Collective over MPI_COMM_WORLD.
 */
struct osu_warmup {
    double seconds;
    double start;
    int rank;
};

/*
 * The first size of a program warms up this many times --warmup-seconds, as in the Java programs,
 * whose first size carries the JIT's compilation of the whole path.
 */
#define OSU_FIRST_SIZE_FACTOR 3.0

/* Starts the warm-up of one size now: rank 0's clock of --warmup-seconds runs from here. */
static inline void osu_warmup_start(struct osu_warmup *gate, const struct osu_options *opts)
{
    static int warmed_before = 0;
    gate->seconds = opts->warmup_seconds * (warmed_before ? 1.0 : OSU_FIRST_SIZE_FACTOR);
    warmed_before = 1;
    gate->start = MPI_Wtime();
    MPI_Comm_rank(MPI_COMM_WORLD, &gate->rank);
}

/*
 * How many more warm-up iterations to run after DONE of them took ELAPSED seconds, for a warm-up of
 * at least SECONDS: 0 when the time is up; otherwise at least 1, estimated at the rate so far to take
 * min(ELAPSED, SECONDS - ELAPSED).
 */
static inline long osu_warmup_next_block(long done, double elapsed, double seconds)
{
    double target;
    double estimate;
    long block;
    if (elapsed >= seconds || done >= OSU_MAX_WARMUP_ITERATIONS) {
        return 0;
    }
    if (done == 0 || elapsed <= 0.0) {
        long first = done > 0 ? done : 1;
        return first < OSU_MAX_WARMUP_ITERATIONS - done ? first : OSU_MAX_WARMUP_ITERATIONS - done;
    }
    /* no libm: the scripts build without -lm */
    target = elapsed < seconds - elapsed ? elapsed : seconds - elapsed;
    estimate = (double) done * target / elapsed;
    if (estimate >= (double) (OSU_MAX_WARMUP_ITERATIONS - done)) {
        return OSU_MAX_WARMUP_ITERATIONS - done;
    }
    block = (long) estimate;
    if ((double) block < estimate) {
        block++; /* round up */
    }
    return block < 1 ? 1 : block;
}

/*
 * Called by every rank after DONE warm-up iterations (the warm-up count, then what the previous call
 * returned); returns DONE when the warm-up is over, else its new end, the same on every rank.
 */
static inline long osu_warmup_extend(struct osu_warmup *gate, long done)
{
    long block = 0;
    if (gate->seconds <= 0.0) {
        return done;
    }
    if (gate->rank == OSU_ROOT) {
        block = osu_warmup_next_block(done, MPI_Wtime() - gate->start, gate->seconds);
    }
    MPI_Bcast(&block, 1, MPI_LONG, OSU_ROOT, MPI_COMM_WORLD);
    return done + block;
}

/* Allocates BYTES page-aligned bytes, or aborts the job saying what PROGRAM could not allocate. */
static inline char *osu_alloc(const char *program, long bytes)
{
    void *p = NULL;
    if (posix_memalign(&p, 4096, (size_t) (bytes > 0 ? bytes : 1)) != 0) {
        fprintf(stderr, "%s: cannot allocate %ld bytes\n", program, bytes);
        MPI_Abort(MPI_COMM_WORLD, 1);
    }
    return p;
}

/* Returns 1 when each of the first SIZE bytes of BUF is EXPECTED. */
static inline int osu_holds(const char *buf, long size, char expected)
{
    long i;
    for (i = 0; i < size; i++) {
        if (buf[i] != expected) {
            return 0;
        }
    }
    return 1;
}

/*
 * One collective over bytes at one size (osu_bcast, osu_allgather, osu_alltoall), and the check of
 * what it delivered; CTX is the program's own state.
 */
struct osu_byte_collective {
    void (*prepare)(void *ctx, long size);
    void (*run)(void *ctx, long size);
    int (*verify)(void *ctx, long size); /* 1 when right */
    void *ctx;
};

/*
 * The timed loop of the collectives over bytes, as io.spmd4j.benchmarks.osu.ByteCollective: for each
 * power-of-two size all ranks meet at a barrier; each rank runs warm-up + timed operations, timing
 * each alone with MPI_Wtime (the warm-up extended by osu_warmup_extend) and meeting the others at an untimed barrier after it; the row is the
 * average over ranks of the sum of the timed operations divided by the iterations, in microseconds.
 */
static inline void osu_run_byte_collective(const char *program, enum osu_test test, const struct osu_options *opts,
                                           int rank, int world_size, const struct osu_byte_collective *op)
{
    long size;
    if (rank == OSU_ROOT) {
        osu_print_header(test);
    }
    for (size = opts->min_size; size <= opts->max_size; size *= 2) {
        long iterations = size > opts->large_size ? opts->iterations_large : opts->iterations;
        long warmup = size > opts->large_size ? opts->warmup_large : opts->warmup;
        double timed = 0.0;
        double average;
        long i;

        struct osu_warmup gate;

        op->prepare(op->ctx, size);
        MPI_Barrier(MPI_COMM_WORLD);
        osu_warmup_start(&gate, opts);
        for (i = 0; i < iterations + warmup; i++) {
            double t_start;
            double t_end;
            if (i == warmup) {
                warmup = osu_warmup_extend(&gate, i);
            }
            t_start = MPI_Wtime();
            op->run(op->ctx, size);
            t_end = MPI_Wtime();
            if (i >= warmup) {
                timed += t_end - t_start;
            }
            MPI_Barrier(MPI_COMM_WORLD);
        }
        if (!op->verify(op->ctx, size)) {
            fprintf(stderr, "%s: rank %d got a wrong result at size %ld\n", program, rank, size);
            MPI_Abort(MPI_COMM_WORLD, 1);
        }
        average = osu_average_over_ranks(timed * 1e6 / (double) iterations, world_size);
        if (rank == OSU_ROOT) {
            osu_print_row(size, average);
        }
    }
}

#endif
