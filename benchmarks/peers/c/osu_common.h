/*
 * Shared option parsing and defaults for the Open MPI peers of the spmd4j OSU-style benchmarks.
 *
 * The options, defaults and output format are the same as those of the Java programs in
 * io.spmd4j.benchmarks.osu and of the MPJ Express peers, so that run-peers.sh can compare the
 * three side by side. The methodology follows the OSU micro-benchmarks (osu_latency, osu_bw).
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
/* Messages above this size use the "large" iteration and warm-up counts, as in OSU. */
#define OSU_LARGE_SIZE_BYTES 8192L
#define OSU_WINDOW 64
#define OSU_FIELD_WIDTH 18
#define OSU_FLOAT_PRECISION 2
#define OSU_ACK_BYTES 4
#define OSU_TAG_DATA 100
#define OSU_TAG_ACK 101

struct osu_options {
    long min_size;
    long max_size;
    long iterations;
    long warmup;
    long iterations_large;
    long warmup_large;
    long large_size;
    long window; /* bandwidth only */
};

/* Defaults of OSU 5.x/7.x: latency 10000/100 iterations/warm-up, 1000/10 above 8 KiB. */
static const struct osu_options OSU_LATENCY_DEFAULTS = {
    OSU_MIN_SIZE_BYTES, OSU_MAX_SIZE_BYTES, 10000, 100, 1000, 10, OSU_LARGE_SIZE_BYTES, OSU_WINDOW};

/* Defaults of OSU 5.x/7.x: bandwidth 100/10 iterations/warm-up, 20/2 above 8 KiB, window 64. */
static const struct osu_options OSU_BANDWIDTH_DEFAULTS = {
    OSU_MIN_SIZE_BYTES, OSU_MAX_SIZE_BYTES, 100, 10, 20, 2, OSU_LARGE_SIZE_BYTES, OSU_WINDOW};

static void osu_usage(FILE *out, const char *program, int bandwidth)
{
    fprintf(out,
            "Usage: mpirun -np 2 %s [options]\n"
            "  --min-size BYTES          smallest message size, power of two (default 1)\n"
            "  --max-size BYTES          largest message size, power of two (default 4M)\n"
            "  --iterations N            timed iterations per size up to --large-size (default %ld)\n"
            "  --warmup N                untimed warm-up iterations up to --large-size (default %ld)\n"
            "  --iterations-large N      timed iterations above --large-size (default %ld)\n"
            "  --warmup-large N          warm-up iterations above --large-size (default %ld)\n"
            "  --large-size BYTES        threshold for the large counts (default 8K)\n"
            "%s"
            "  --help                    print this help and exit\n"
            "Sizes accept the binary suffixes K, M and G.\n",
            program,
            bandwidth ? OSU_BANDWIDTH_DEFAULTS.iterations : OSU_LATENCY_DEFAULTS.iterations,
            bandwidth ? OSU_BANDWIDTH_DEFAULTS.warmup : OSU_LATENCY_DEFAULTS.warmup,
            bandwidth ? OSU_BANDWIDTH_DEFAULTS.iterations_large : OSU_LATENCY_DEFAULTS.iterations_large,
            bandwidth ? OSU_BANDWIDTH_DEFAULTS.warmup_large : OSU_LATENCY_DEFAULTS.warmup_large,
            bandwidth ? "  --window N                messages in flight per iteration (default 64)\n" : "");
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

static int osu_is_power_of_two(long v)
{
    return v > 0 && (v & (v - 1)) == 0;
}

/*
 * Parses argv into *opts (pre-filled with defaults). Returns 0 to run, 1 when --help was given,
 * 2 on a bad command line; in that case *error holds a one-line message.
 */
static int osu_parse(int argc, char **argv, int bandwidth, struct osu_options *opts, char *error,
                     size_t error_len)
{
    int i;
    for (i = 1; i < argc; i++) {
        const char *name = argv[i];
        long *target = NULL;
        long value;
        if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
            return 1;
        }
        if (strcmp(name, "--min-size") == 0) {
            target = &opts->min_size;
        } else if (strcmp(name, "--max-size") == 0) {
            target = &opts->max_size;
        } else if (strcmp(name, "--iterations") == 0) {
            target = &opts->iterations;
        } else if (strcmp(name, "--warmup") == 0) {
            target = &opts->warmup;
        } else if (strcmp(name, "--iterations-large") == 0) {
            target = &opts->iterations_large;
        } else if (strcmp(name, "--warmup-large") == 0) {
            target = &opts->warmup_large;
        } else if (strcmp(name, "--large-size") == 0) {
            target = &opts->large_size;
        } else if (bandwidth && strcmp(name, "--window") == 0) {
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
    if (opts->iterations < 1 || opts->iterations_large < 1 || opts->window < 1) {
        snprintf(error, error_len, "iterations and window must be at least 1");
        return 2;
    }
    return 0;
}

/*
 * Initialises MPI, parses the options and checks for exactly 2 ranks. Returns -1 when the test
 * should run; otherwise MPI is finalized and the return value is the exit status (0 after --help,
 * 2 after a bad command line, whose one-line error and the usage rank 0 has printed).
 */
static int osu_start(int *argc, char ***argv, const char *program, int bandwidth,
                     struct osu_options *opts, int *rank)
{
    char error[256];
    int world_size;
    int parsed;

    MPI_Init(argc, argv);
    MPI_Comm_rank(MPI_COMM_WORLD, rank);
    MPI_Comm_size(MPI_COMM_WORLD, &world_size);

    parsed = osu_parse(*argc, *argv, bandwidth, opts, error, sizeof error);
    if (parsed == 0 && world_size != 2) {
        snprintf(error, sizeof error, "this test needs exactly 2 ranks: size=%d", world_size);
        parsed = 2;
    }
    if (parsed == 0) {
        return -1;
    }
    if (*rank == 0) {
        if (parsed == 2) {
            fprintf(stderr, "%s: %s\n", program, error);
        }
        osu_usage(parsed == 1 ? stdout : stderr, program, bandwidth);
    }
    MPI_Finalize();
    return parsed == 1 ? 0 : 2;
}

#endif
