package io.spmd4j.kernels.grid;

/**
 * Norms of the difference between a field and a reference over the whole grid: {@code rms} is the
 * root mean square {@code sqrt(sum e^2 / N)} (the discrete L2 norm scaled by the domain volume),
 * {@code max} the largest absolute difference.
 */
public record ErrorNorms(double rms, double max) {
}
