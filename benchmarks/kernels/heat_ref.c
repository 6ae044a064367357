/*
 * C reference of the spmd4j heat kernels' stencils, for comparing single-core MLUPS with the Java
 * kernels (io.spmd4j.kernels.stencil.Stencils heat2d / heat3d) in the same run.
 *
 * Same problem and layout as the Java kernel on one rank: n interior points per dimension, a halo
 * of one point holding the zero Dirichlet boundary, row-major with the last dimension fastest, the
 * same update expression in the same order, two arrays swapped after each step, the initial field
 * prod sin(pi x_k). It runs `steps` steps `reps` times after one untimed warm-up round and prints
 * the best and median rate:
 *
 *     MLUPS = n^d * steps / seconds / 1e6
 *
 * usage: heat_ref 2|3 N STEPS [REPS]        build: cc -O3 -o heat_ref heat_ref.c -lm
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define DEFAULT_REPS 5
#define CFL_FRACTION 0.8

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double) t.tv_sec + (double) t.tv_nsec * 1e-9;
}

static void heat2d(int n, const double *restrict u, double *restrict out, double r) {
    long s = n + 2;
    for (long i = 1; i <= n; i++) {
        for (long c = i * s + 1; c <= i * s + n; c++) {
            double uc = u[c];
            out[c] = uc + r * (u[c - s] + u[c + s] - 2 * uc) + r * (u[c - 1] + u[c + 1] - 2 * uc);
        }
    }
}

static void heat3d(int n, const double *restrict u, double *restrict out, double r) {
    long s = n + 2;
    long sy = s;
    long sx = s * s;
    for (long i = 1; i <= n; i++) {
        for (long j = 1; j <= n; j++) {
            long row = i * sx + j * sy;
            for (long c = row + 1; c <= row + n; c++) {
                double uc = u[c];
                out[c] = uc + r * (u[c - sx] + u[c + sx] - 2 * uc) + r * (u[c - sy] + u[c + sy] - 2 * uc)
                    + r * (u[c - 1] + u[c + 1] - 2 * uc);
            }
        }
    }
}

static int compare(const void *a, const void *b) {
    double x = *(const double *) a;
    double y = *(const double *) b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: heat_ref 2|3 N STEPS [REPS]\n");
        return 2;
    }
    int d = atoi(argv[1]);
    int n = atoi(argv[2]);
    int steps = atoi(argv[3]);
    int reps = argc > 4 ? atoi(argv[4]) : DEFAULT_REPS;
    if ((d != 2 && d != 3) || n < 1 || steps < 1 || reps < 1) {
        fprintf(stderr, "heat_ref: bad arguments d=%d n=%d steps=%d reps=%d\n", d, n, steps, reps);
        return 2;
    }
    long s = n + 2;
    long len = d == 2 ? s * s : s * s * s;
    double *u = calloc((size_t) len, sizeof(double));
    double *v = calloc((size_t) len, sizeof(double));
    double *rates = calloc((size_t) reps, sizeof(double));
    if (u == NULL || v == NULL || rates == NULL) {
        fprintf(stderr, "heat_ref: cannot allocate %ld doubles twice\n", len);
        return 1;
    }
    double dx = 1.0 / (n + 1);
    double r = CFL_FRACTION / (2.0 * d);
    for (long i = 1; i <= n; i++) {
        for (long j = 1; j <= n; j++) {
            if (d == 2) {
                u[i * s + j] = sin(M_PI * i * dx) * sin(M_PI * j * dx);
            } else {
                for (long k = 1; k <= n; k++) {
                    u[(i * s + j) * s + k] = sin(M_PI * i * dx) * sin(M_PI * j * dx) * sin(M_PI * k * dx);
                }
            }
        }
    }
    double points = d == 2 ? (double) n * n : (double) n * n * n;
    for (int rep = -1; rep < reps; rep++) {
        double t0 = now_s();
        for (int k = 0; k < steps; k++) {
            if (d == 2) {
                heat2d(n, u, v, r);
            } else {
                heat3d(n, u, v, r);
            }
            double *t = u;
            u = v;
            v = t;
        }
        double t = now_s() - t0;
        if (rep >= 0) {
            rates[rep] = points * steps / t / 1e6;
        }
    }
    qsort(rates, (size_t) reps, sizeof(double), compare);
    /* The centre value keeps the compiler from dropping the loops. */
    long mid = d == 2 ? (n / 2 + 1) * s + n / 2 + 1 : ((n / 2 + 1) * s + n / 2 + 1) * s + n / 2 + 1;
    printf("heat%dd-c n=%d steps=%d best %.1f MLUPS median %.1f MLUPS (centre %.6g)\n", d, n, steps,
        rates[reps - 1], rates[reps / 2], u[mid]);
    free(u);
    free(v);
    free(rates);
    return 0;
}
