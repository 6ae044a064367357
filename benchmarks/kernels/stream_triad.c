/*
 * STREAM-style triad a[i] = b[i] + q * c[i] on P processes at once, for the memory-bandwidth
 * ceiling of a memory-bound stencil: a code that moves as many bytes per point cannot scale from 1
 * to P cores by more than triad(P) / triad(1).
 *
 * The parent forks P children; each allocates and touches its own three arrays of N doubles, then
 * waits at a start pipe so that all of them run the timed loop together; each times REPS triads and
 * reports its best rate; the parent prints the sum. Bytes counted per element: 24 (read b and c,
 * write a; write-allocate traffic is not counted, as in STREAM):
 *
 *     bandwidth [MB/s] = 24 * N * P / best seconds / 1e6
 *
 * usage: stream_triad P [N] [REPS]          build: cc -O3 -o stream_triad stream_triad.c
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_N (1L << 25)
#define DEFAULT_REPS 10
#define BYTES_PER_ELEMENT 24.0

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double) t.tv_sec + (double) t.tv_nsec * 1e-9;
}

static double child(long n, int reps, int start_fd) {
    double *a = malloc((size_t) n * sizeof(double));
    double *b = malloc((size_t) n * sizeof(double));
    double *c = malloc((size_t) n * sizeof(double));
    if (a == NULL || b == NULL || c == NULL) {
        return -1;
    }
    for (long i = 0; i < n; i++) {
        a[i] = 0;
        b[i] = 1;
        c[i] = 2;
    }
    char go;
    if (read(start_fd, &go, 1) != 1) {
        return -1;
    }
    double best = 1e30;
    for (int r = 0; r < reps; r++) {
        double t0 = now_s();
        for (long i = 0; i < n; i++) {
            a[i] = b[i] + 3.0 * c[i];
        }
        double t = now_s() - t0;
        best = t < best ? t : best;
    }
    double check = a[n / 2];
    free(a);
    free(b);
    free(c);
    return check == 7.0 ? BYTES_PER_ELEMENT * n / best / 1e6 : -1;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: stream_triad P [N] [REPS]\n");
        return 2;
    }
    int procs = atoi(argv[1]);
    long n = argc > 2 ? atol(argv[2]) : DEFAULT_N;
    int reps = argc > 3 ? atoi(argv[3]) : DEFAULT_REPS;
    if (procs < 1 || n < 1 || reps < 1) {
        fprintf(stderr, "stream_triad: bad arguments P=%d N=%ld REPS=%d\n", procs, n, reps);
        return 2;
    }
    int start[2];
    int result[2];
    if (pipe(start) != 0 || pipe(result) != 0) {
        perror("stream_triad: pipe");
        return 1;
    }
    for (int p = 0; p < procs; p++) {
        pid_t pid = fork();
        if (pid < 0) {
            perror("stream_triad: fork");
            return 1;
        }
        if (pid == 0) {
            close(start[1]);
            double mbs = child(n, reps, start[0]);
            ssize_t w = write(result[1], &mbs, sizeof mbs);
            _exit(w == (ssize_t) sizeof mbs && mbs > 0 ? 0 : 1);
        }
    }
    close(start[0]);
    close(result[1]);
    /* Let every child allocate and touch its arrays before the start signal. */
    sleep(1);
    char go[1] = {'g'};
    for (int p = 0; p < procs; p++) {
        if (write(start[1], go, 1) != 1) {
            perror("stream_triad: start");
            return 1;
        }
    }
    double total = 0;
    int failed = 0;
    for (int p = 0; p < procs; p++) {
        double mbs;
        if (read(result[0], &mbs, sizeof mbs) != (ssize_t) sizeof mbs || mbs <= 0) {
            failed = 1;
        } else {
            total += mbs;
        }
    }
    for (int p = 0; p < procs; p++) {
        int status;
        wait(&status);
    }
    if (failed) {
        fprintf(stderr, "stream_triad: a process failed\n");
        return 1;
    }
    printf("triad procs=%d n=%ld %.0f MB/s\n", procs, n, total);
    return 0;
}
