/*
 * Open MPI peer of io.spmd4j.benchmarks.osu.Bandwidth: OSU-style streaming bandwidth, 2 ranks.
 *
 * For each power-of-two size and iteration, rank 0 posts a window of 64 MPI_Isend and rank 1 a
 * window of 64 MPI_Irecv; both wait for all of them, then rank 1 sends a 4-byte acknowledgement.
 * After the warm-up iterations, rank 0 times the rest with MPI_Wtime and reports
 * size * window * iterations / time / 1e6 in MB/s (osu_bw's methodology and output format).
 *
 * Build: mpicc -O2 -o osu_bw osu_bw.c
 * Run:   mpirun -np 2 ./osu_bw [--min-size B] [--max-size B] [--window N] ...
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
    MPI_Request *requests;
    long size;
    long buffer_bytes;

    started = osu_start(&argc, &argv, "osu_bw", OSU_TEST_BANDWIDTH, &opts, &rank, &world_size);
    if (started >= 0) {
        return started;
    }

    /* The buffers also carry the 4-byte acknowledgement, even when max-size is smaller. */
    buffer_bytes = opts.max_size > OSU_ACK_BYTES ? opts.max_size : OSU_ACK_BYTES;
    requests = (MPI_Request *) osu_alloc("osu_bw", (long) sizeof(MPI_Request) * opts.window);
    s_buf = osu_alloc("osu_bw", buffer_bytes);
    r_buf = osu_alloc("osu_bw", buffer_bytes);
    memset(s_buf, 'a', (size_t) buffer_bytes);

    if (rank == 0) {
        osu_print_header(OSU_TEST_BANDWIDTH);
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
        if (rank == 0) {
            for (i = 0; i < iterations + warmup; i++) {
                if (i == warmup) {
                    warmup = osu_warmup_extend(&gate, i);
                    if (i == warmup) {
                        t_start = MPI_Wtime();
                    }
                }
                for (j = 0; j < opts.window; j++) {
                    MPI_Isend(s_buf, (int) size, MPI_CHAR, 1, OSU_TAG_DATA, MPI_COMM_WORLD,
                              &requests[j]);
                }
                MPI_Waitall((int) opts.window, requests, MPI_STATUSES_IGNORE);
                MPI_Recv(r_buf, OSU_ACK_BYTES, MPI_CHAR, 1, OSU_TAG_ACK, MPI_COMM_WORLD,
                         MPI_STATUS_IGNORE);
            }
            t_end = MPI_Wtime();
            osu_print_row(size, (double) size * (double) opts.window * (double) iterations
                                    / (t_end - t_start) / 1e6);
        } else {
            for (i = 0; i < iterations + warmup; i++) {
                if (i == warmup) {
                    warmup = osu_warmup_extend(&gate, i);
                }
                for (j = 0; j < opts.window; j++) {
                    MPI_Irecv(r_buf, (int) size, MPI_CHAR, 0, OSU_TAG_DATA, MPI_COMM_WORLD,
                              &requests[j]);
                }
                MPI_Waitall((int) opts.window, requests, MPI_STATUSES_IGNORE);
                MPI_Send(s_buf, OSU_ACK_BYTES, MPI_CHAR, 0, OSU_TAG_ACK, MPI_COMM_WORLD);
            }
            if (!osu_holds(r_buf, size, 'a')) {
                fprintf(stderr, "osu_bw: rank 1 received wrong data at size %ld\n", size);
                MPI_Abort(MPI_COMM_WORLD, 1);
            }
        }
    }

    free(requests);
    free(s_buf);
    free(r_buf);
    MPI_Finalize();
    return 0;
}
