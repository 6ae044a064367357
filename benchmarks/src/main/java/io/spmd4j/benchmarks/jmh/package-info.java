/**
 * JMH microbenchmarks of pure, single-threaded building blocks (no communication), run with
 * {@code org.openjdk.jmh.Main}; see {@code benchmarks/README.md}.
 */
package io.spmd4j.benchmarks.jmh;
