/*
 * Open MPI peer of io.spmd4j.benchmarks.osu.Allgather: OSU-style allgather latency of SIZE bytes
 * per rank, timed as osu_run_byte_collective says (osu_allgather's methodology). Rank r sends
 * bytes r; every rank checks each block after each size.
 *
 * Build: mpicc -O2 -o osu_allgather osu_allgather.c
 * Run:   mpirun -np 4 ./osu_allgather [--min-size B] [--max-size B] [--iterations N] ...
 */
#include <mpi.h>

#include "osu_common.h"

struct allgather_state {
    char *send;
    char *recv;
    int rank;
    int np;
};

static void allgather_prepare(void *ctx, long size)
{
    struct allgather_state *s = ctx;
    memset(s->send, s->rank, (size_t) size);
    memset(s->recv, 0xff, (size_t) (size * s->np));
}

static void allgather_run(void *ctx, long size)
{
    struct allgather_state *s = ctx;
    MPI_Allgather(s->send, (int) size, MPI_CHAR, s->recv, (int) size, MPI_CHAR, MPI_COMM_WORLD);
}

static int allgather_verify(void *ctx, long size)
{
    struct allgather_state *s = ctx;
    int i;
    for (i = 0; i < s->np; i++) {
        if (!osu_holds(s->recv + (long) i * size, size, (char) i)) {
            return 0;
        }
    }
    return 1;
}

int main(int argc, char **argv)
{
    struct osu_options opts;
    struct allgather_state state;
    struct osu_byte_collective op = {allgather_prepare, allgather_run, allgather_verify, &state};
    int started = osu_start(&argc, &argv, "osu_allgather", OSU_TEST_ALLGATHER, &opts, &state.rank, &state.np);
    if (started >= 0) {
        return started;
    }
    state.send = osu_alloc("osu_allgather", opts.max_size);
    state.recv = osu_alloc("osu_allgather", opts.max_size * state.np);
    osu_run_byte_collective("osu_allgather", OSU_TEST_ALLGATHER, &opts, state.rank, state.np, &op);
    free(state.send);
    free(state.recv);
    MPI_Finalize();
    return 0;
}
