/*
 * Open MPI peer of io.spmd4j.benchmarks.osu.Barrier: OSU-style barrier latency over all ranks.
 *
 * Each rank runs warm-up + timed MPI_Barrier calls back to back and times the timed ones with
 * MPI_Wtime; its latency is the time divided by the iterations, in microseconds. Rank 0 prints
 * the average of that over all ranks (osu_barrier's methodology and its "Avg Latency") in one
 * row of size 0.
 *
 * Build: mpicc -O2 -o osu_barrier osu_barrier.c
 * Run:   mpirun -np 4 ./osu_barrier [--iterations N] [--warmup N]
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
    struct osu_warmup gate;
    long warmup;
    double t_start = 0.0;
    double t_end;
    double average;
    long i;

    started = osu_start(&argc, &argv, "osu_barrier", OSU_TEST_BARRIER, &opts, &rank, &world_size);
    if (started >= 0) {
        return started;
    }

    if (rank == 0) {
        osu_print_header(OSU_TEST_BARRIER);
    }

    MPI_Barrier(MPI_COMM_WORLD);
    osu_warmup_start(&gate, &opts);
    warmup = opts.warmup;
    for (i = 0; i < opts.iterations + warmup; i++) {
        if (i == warmup) {
            warmup = osu_warmup_extend(&gate, i);
            if (i == warmup) {
                t_start = MPI_Wtime();
            }
        }
        MPI_Barrier(MPI_COMM_WORLD);
    }
    t_end = MPI_Wtime();

    average = osu_average_over_ranks((t_end - t_start) * 1e6 / (double) opts.iterations, world_size);
    if (rank == OSU_ROOT) {
        osu_print_row(0, average);
    }

    MPI_Finalize();
    return 0;
}
