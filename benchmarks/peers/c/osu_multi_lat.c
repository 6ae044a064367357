/*
 * Open MPI peer of io.spmd4j.benchmarks.osu.MultiLatency: OSU-style latency of many pairs at once.
 *
 * With np ranks (even, at least 2), rank i < np/2 is paired with rank i + np/2. For each
 * power-of-two size every pair runs a ping-pong at the same time, the lower rank sending first.
 * Every rank times its own round trips after the warm-up with MPI_Wtime and computes half the mean
 * round trip in microseconds; rank 0 prints the average of that over all ranks (osu_multi_lat's
 * methodology and output format). Every rank checks the received bytes after each size.
 *
 * Build: mpicc -O2 -o osu_multi_lat osu_multi_lat.c
 * Run:   mpirun -np 4 ./osu_multi_lat [--min-size B] [--max-size B] [--iterations N] ...
 */
#include <mpi.h>

#include "osu_common.h"

int main(int argc, char **argv)
{
    struct osu_options opts;
    int rank;
    int world_size;
    int started;
    int peer;
    int lower;
    char *s_buf;
    char *r_buf;
    long size;

    started = osu_start(&argc, &argv, "osu_multi_lat", OSU_TEST_MULTI_LATENCY, &opts, &rank,
                        &world_size);
    if (started >= 0) {
        return started;
    }

    peer = rank < world_size / 2 ? rank + world_size / 2 : rank - world_size / 2;
    lower = rank < peer;
    s_buf = osu_alloc("osu_multi_lat", opts.max_size);
    r_buf = osu_alloc("osu_multi_lat", opts.max_size);
    memset(s_buf, lower ? 'a' : 'b', (size_t) opts.max_size);

    if (rank == 0) {
        osu_print_header(OSU_TEST_MULTI_LATENCY);
    }

    for (size = opts.min_size; size <= opts.max_size; size *= 2) {
        long iterations = size > opts.large_size ? opts.iterations_large : opts.iterations;
        long warmup = size > opts.large_size ? opts.warmup_large : opts.warmup;
        struct osu_warmup gate;
        double t_start = 0.0;
        double t_end;
        double average;
        long i;

        memset(r_buf, 0, (size_t) size);
        MPI_Barrier(MPI_COMM_WORLD);
        osu_warmup_start(&gate, &opts);
        for (i = 0; i < iterations + warmup; i++) {
            if (i == warmup) {
                warmup = osu_warmup_extend(&gate, i);
                if (i == warmup) {
                    t_start = MPI_Wtime();
                }
            }
            if (lower) {
                MPI_Send(s_buf, (int) size, MPI_CHAR, peer, OSU_TAG_DATA, MPI_COMM_WORLD);
                MPI_Recv(r_buf, (int) size, MPI_CHAR, peer, OSU_TAG_DATA, MPI_COMM_WORLD,
                         MPI_STATUS_IGNORE);
            } else {
                MPI_Recv(r_buf, (int) size, MPI_CHAR, peer, OSU_TAG_DATA, MPI_COMM_WORLD,
                         MPI_STATUS_IGNORE);
                MPI_Send(s_buf, (int) size, MPI_CHAR, peer, OSU_TAG_DATA, MPI_COMM_WORLD);
            }
        }
        t_end = MPI_Wtime();

        if (!osu_holds(r_buf, size, lower ? 'b' : 'a')) {
            fprintf(stderr, "osu_multi_lat: rank %d received wrong data at size %ld\n", rank, size);
            MPI_Abort(MPI_COMM_WORLD, 1);
        }
        average = osu_average_over_ranks((t_end - t_start) * 1e6 / (2.0 * (double) iterations),
                                         world_size);
        if (rank == OSU_ROOT) {
            osu_print_row(size, average);
        }
    }

    free(s_buf);
    free(r_buf);
    MPI_Finalize();
    return 0;
}
