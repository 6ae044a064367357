/*
 * Open MPI peer of io.spmd4j.benchmarks.osu.Bcast: OSU-style broadcast latency of SIZE bytes from
 * rank 0, timed as osu_run_byte_collective says (osu_bcast's methodology and its "Avg Latency").
 * Rank 0's bytes are 7; every rank checks them after each size.
 *
 * Build: mpicc -O2 -o osu_bcast osu_bcast.c
 * Run:   mpirun -np 4 ./osu_bcast [--min-size B] [--max-size B] [--iterations N] ...
 *        (add --oversubscribe for more ranks than cores)
 */
#include <mpi.h>

#include "osu_common.h"

struct bcast_state {
    char *buf;
};

static void bcast_prepare(void *ctx, long size)
{
    (void) ctx;
    (void) size;
}

static void bcast_run(void *ctx, long size)
{
    struct bcast_state *s = ctx;
    MPI_Bcast(s->buf, (int) size, MPI_CHAR, OSU_ROOT, MPI_COMM_WORLD);
}

static int bcast_verify(void *ctx, long size)
{
    struct bcast_state *s = ctx;
    return osu_holds(s->buf, size, 7);
}

int main(int argc, char **argv)
{
    struct osu_options opts;
    struct bcast_state state;
    struct osu_byte_collective op = {bcast_prepare, bcast_run, bcast_verify, &state};
    int rank;
    int world_size;
    int started = osu_start(&argc, &argv, "osu_bcast", OSU_TEST_BCAST, &opts, &rank, &world_size);
    if (started >= 0) {
        return started;
    }
    state.buf = osu_alloc("osu_bcast", opts.max_size);
    memset(state.buf, rank == OSU_ROOT ? 7 : 0, (size_t) opts.max_size);
    osu_run_byte_collective("osu_bcast", OSU_TEST_BCAST, &opts, rank, world_size, &op);
    free(state.buf);
    MPI_Finalize();
    return 0;
}
