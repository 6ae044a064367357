/*
 * Open MPI peer of io.spmd4j.benchmarks.osu.BidirectionalBandwidth: OSU-style bidirectional
 * bandwidth between 2 ranks.
 *
 * For each power-of-two size and iteration, each rank posts a window of 64 MPI_Irecv from the
 * other, then a window of 64 MPI_Isend to it, and waits for the sends and then the receives. After
 * the warm-up iterations, rank 0 times the rest with MPI_Wtime and reports the bytes of both
 * directions, 2 * size * window * iterations / time / 1e6 in MB/s (osu_bibw's methodology and
 * output format). Both ranks check the received bytes after each size.
 *
 * Build: mpicc -O2 -o osu_bibw osu_bibw.c
 * Run:   mpirun -np 2 ./osu_bibw [--min-size B] [--max-size B] [--window N] ...
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
    char *s_buf;
    char *r_buf;
    MPI_Request *sends;
    MPI_Request *recvs;
    long size;

    started = osu_start(&argc, &argv, "osu_bibw", OSU_TEST_BIBW, &opts, &rank, &world_size);
    if (started >= 0) {
        return started;
    }

    peer = 1 - rank;
    sends = (MPI_Request *) osu_alloc("osu_bibw", (long) sizeof(MPI_Request) * opts.window);
    recvs = (MPI_Request *) osu_alloc("osu_bibw", (long) sizeof(MPI_Request) * opts.window);
    s_buf = osu_alloc("osu_bibw", opts.max_size);
    r_buf = osu_alloc("osu_bibw", opts.max_size);
    memset(s_buf, rank == 0 ? 'a' : 'b', (size_t) opts.max_size);

    if (rank == 0) {
        osu_print_header(OSU_TEST_BIBW);
    }

    for (size = opts.min_size; size <= opts.max_size; size *= 2) {
        long iterations = size > opts.large_size ? opts.iterations_large : opts.iterations;
        long warmup = size > opts.large_size ? opts.warmup_large : opts.warmup;
        struct osu_warmup gate;
        double t_start = 0.0;
        double t_end;
        long i;
        long j;

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
            for (j = 0; j < opts.window; j++) {
                MPI_Irecv(r_buf, (int) size, MPI_CHAR, peer, OSU_TAG_DATA, MPI_COMM_WORLD, &recvs[j]);
            }
            for (j = 0; j < opts.window; j++) {
                MPI_Isend(s_buf, (int) size, MPI_CHAR, peer, OSU_TAG_DATA, MPI_COMM_WORLD, &sends[j]);
            }
            MPI_Waitall((int) opts.window, sends, MPI_STATUSES_IGNORE);
            MPI_Waitall((int) opts.window, recvs, MPI_STATUSES_IGNORE);
        }
        t_end = MPI_Wtime();

        if (!osu_holds(r_buf, size, rank == 0 ? 'b' : 'a')) {
            fprintf(stderr, "osu_bibw: rank %d received wrong data at size %ld\n", rank, size);
            MPI_Abort(MPI_COMM_WORLD, 1);
        }
        if (rank == 0) {
            osu_print_row(size, 2.0 * (double) size * (double) opts.window * (double) iterations
                                    / (t_end - t_start) / 1e6);
        }
    }

    free(sends);
    free(recvs);
    free(s_buf);
    free(r_buf);
    MPI_Finalize();
    return 0;
}
