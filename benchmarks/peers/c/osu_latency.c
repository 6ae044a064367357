/*
 * Open MPI peer of io.spmd4j.benchmarks.osu.Latency: OSU-style ping-pong latency between 2 ranks.
 *
 * For each power-of-two size, rank 0 sends a message to rank 1, which sends it back; after the
 * warm-up iterations (lasting at least --warmup-seconds, see osu_warmup_extend) the remaining round
 * trips are timed with MPI_Wtime and half the mean round trip is reported in microseconds
 * (osu_latency's methodology and output format).
 *
 * Build: mpicc -O2 -o osu_latency osu_latency.c
 * Run:   mpirun -np 2 ./osu_latency [--min-size B] [--max-size B] [--iterations N] ...
 */
#include <mpi.h>

#include "osu_common.h"

int main(int argc, char **argv)
{
    struct osu_options opts;
    int rank;
    int world_size;
    int started;
    char *s_buf = NULL;
    char *r_buf = NULL;
    long size;

    started = osu_start(&argc, &argv, "osu_latency", OSU_TEST_LATENCY, &opts, &rank, &world_size);
    if (started >= 0) {
        return started;
    }

    s_buf = osu_alloc("osu_latency", opts.max_size);
    r_buf = osu_alloc("osu_latency", opts.max_size);
    memset(s_buf, rank == 0 ? 'a' : 'b', (size_t) opts.max_size);

    if (rank == 0) {
        osu_print_header(OSU_TEST_LATENCY);
    }

    for (size = opts.min_size; size <= opts.max_size; size *= 2) {
        long iterations = size > opts.large_size ? opts.iterations_large : opts.iterations;
        long warmup = size > opts.large_size ? opts.warmup_large : opts.warmup;
        struct osu_warmup gate;
        double t_start = 0.0;
        double t_end;
        long i;

        memset(r_buf, 0, (size_t) size);
        MPI_Barrier(MPI_COMM_WORLD);
        osu_warmup_start(&gate, &opts);
        if (rank == 0) {
            for (i = 0; i < iterations + warmup; i++) {
                if (i == warmup) {
                    warmup = osu_warmup_extend(&gate, i);
                    if (i == warmup) {
                        t_start = MPI_Wtime();
                    }
                }
                MPI_Send(s_buf, (int) size, MPI_CHAR, 1, OSU_TAG_DATA, MPI_COMM_WORLD);
                MPI_Recv(r_buf, (int) size, MPI_CHAR, 1, OSU_TAG_DATA, MPI_COMM_WORLD,
                         MPI_STATUS_IGNORE);
            }
        } else {
            for (i = 0; i < iterations + warmup; i++) {
                if (i == warmup) {
                    warmup = osu_warmup_extend(&gate, i);
                }
                MPI_Recv(r_buf, (int) size, MPI_CHAR, 0, OSU_TAG_DATA, MPI_COMM_WORLD,
                         MPI_STATUS_IGNORE);
                MPI_Send(s_buf, (int) size, MPI_CHAR, 0, OSU_TAG_DATA, MPI_COMM_WORLD);
            }
        }
        t_end = MPI_Wtime();

        if (!osu_holds(r_buf, size, rank == 0 ? 'b' : 'a')) {
            fprintf(stderr, "osu_latency: rank %d received wrong data at size %ld\n", rank, size);
            MPI_Abort(MPI_COMM_WORLD, 1);
        }
        if (rank == 0) {
            osu_print_row(size, (t_end - t_start) * 1e6 / (2.0 * (double) iterations));
        }
    }

    free(s_buf);
    free(r_buf);
    MPI_Finalize();
    return 0;
}
