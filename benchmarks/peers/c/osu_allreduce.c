/*
 * Open MPI peer of io.spmd4j.benchmarks.osu.Allreduce: OSU-style allreduce latency, size / 8
 * doubles with MPI_SUM over all ranks.
 *
 * For each power-of-two size from 8 bytes, each rank runs warm-up (lasting at least
 * --warmup-seconds) + timed allreduces, timing each one alone with MPI_Wtime and meeting the others
 * at an untimed MPI_Barrier after it. A rank's latency is the sum of its timed operations divided by the iterations, in microseconds; rank 0
 * prints the average of that over all ranks (osu_allreduce's methodology and its "Avg Latency").
 * Rank r contributes r + 1 in every element; every rank checks the result np (np + 1) / 2.
 *
 * Build: mpicc -O2 -o osu_allreduce osu_allreduce.c
 * Run:   mpirun -np 4 ./osu_allreduce [--min-size B] [--max-size B] [--iterations N] ...
 *        (add --oversubscribe for more ranks than cores)
 */
#include <mpi.h>

#include "osu_common.h"

int main(int argc, char **argv)
{
    struct osu_options opts;
    int rank;
    int world_size;
    int started;
    double *s_buf;
    double *r_buf;
    double expected;
    long max_count;
    long size;
    long k;

    started = osu_start(&argc, &argv, "osu_allreduce", OSU_TEST_ALLREDUCE, &opts, &rank, &world_size);
    if (started >= 0) {
        return started;
    }

    max_count = opts.max_size / (long) sizeof(double);
    s_buf = (double *) osu_alloc("osu_allreduce", opts.max_size);
    r_buf = (double *) osu_alloc("osu_allreduce", opts.max_size);
    for (k = 0; k < max_count; k++) {
        s_buf[k] = rank + 1.0;
    }
    expected = world_size * (world_size + 1) / 2.0;

    if (rank == 0) {
        osu_print_header(OSU_TEST_ALLREDUCE);
    }

    for (size = opts.min_size; size <= opts.max_size; size *= 2) {
        long count = size / (long) sizeof(double);
        long iterations = size > opts.large_size ? opts.iterations_large : opts.iterations;
        long warmup = size > opts.large_size ? opts.warmup_large : opts.warmup;
        struct osu_warmup gate;
        double timed = 0.0;
        double average;
        long i;

        memset(r_buf, 0, (size_t) size);
        MPI_Barrier(MPI_COMM_WORLD);
        osu_warmup_start(&gate, &opts);
        for (i = 0; i < iterations + warmup; i++) {
            double t_start;
            double t_end;
            if (i == warmup) {
                warmup = osu_warmup_extend(&gate, i);
            }
            t_start = MPI_Wtime();
            MPI_Allreduce(s_buf, r_buf, (int) count, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
            t_end = MPI_Wtime();
            if (i >= warmup) {
                timed += t_end - t_start;
            }
            MPI_Barrier(MPI_COMM_WORLD);
        }

        for (k = 0; k < count; k++) {
            if (r_buf[k] != expected) {
                fprintf(stderr, "osu_allreduce: rank %d got a wrong result at size %ld: element %ld is %g, expected %g\n",
                        rank, size, k, r_buf[k], expected);
                MPI_Abort(MPI_COMM_WORLD, 1);
            }
        }
        average = osu_average_over_ranks(timed * 1e6 / (double) iterations, world_size);
        if (rank == OSU_ROOT) {
            osu_print_row(size, average);
        }
    }

    free(s_buf);
    free(r_buf);
    MPI_Finalize();
    return 0;
}
