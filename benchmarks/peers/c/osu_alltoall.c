/*
 * Open MPI peer of io.spmd4j.benchmarks.osu.Alltoall: OSU-style all-to-all latency of SIZE bytes
 * per pair of ranks, timed as osu_run_byte_collective says (osu_alltoall's methodology). Rank r's
 * block for rank j holds bytes r * np + j; every rank checks each block after each size.
 *
 * Build: mpicc -O2 -o osu_alltoall osu_alltoall.c
 * Run:   mpirun -np 4 ./osu_alltoall [--min-size B] [--max-size B] [--iterations N] ...
 */
#include <mpi.h>

#include "osu_common.h"

struct alltoall_state {
    char *send;
    char *recv;
    int rank;
    int np;
};

static void alltoall_prepare(void *ctx, long size)
{
    struct alltoall_state *s = ctx;
    int j;
    for (j = 0; j < s->np; j++) {
        memset(s->send + (long) j * size, s->rank * s->np + j, (size_t) size);
    }
    memset(s->recv, 0xff, (size_t) (size * s->np));
}

static void alltoall_run(void *ctx, long size)
{
    struct alltoall_state *s = ctx;
    MPI_Alltoall(s->send, (int) size, MPI_CHAR, s->recv, (int) size, MPI_CHAR, MPI_COMM_WORLD);
}

static int alltoall_verify(void *ctx, long size)
{
    struct alltoall_state *s = ctx;
    int i;
    for (i = 0; i < s->np; i++) {
        if (!osu_holds(s->recv + (long) i * size, size, (char) (i * s->np + s->rank))) {
            return 0;
        }
    }
    return 1;
}

int main(int argc, char **argv)
{
    struct osu_options opts;
    struct alltoall_state state;
    struct osu_byte_collective op = {alltoall_prepare, alltoall_run, alltoall_verify, &state};
    int started = osu_start(&argc, &argv, "osu_alltoall", OSU_TEST_ALLTOALL, &opts, &state.rank, &state.np);
    if (started >= 0) {
        return started;
    }
    state.send = osu_alloc("osu_alltoall", opts.max_size * state.np);
    state.recv = osu_alloc("osu_alltoall", opts.max_size * state.np);
    osu_run_byte_collective("osu_alltoall", OSU_TEST_ALLTOALL, &opts, state.rank, state.np, &op);
    free(state.send);
    free(state.recv);
    MPI_Finalize();
    return 0;
}
