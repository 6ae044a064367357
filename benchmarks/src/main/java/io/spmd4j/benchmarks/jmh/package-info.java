/**
 * JMH microbenchmarks, run with {@code org.openjdk.jmh.Main} (see {@code benchmarks/README.md}):
 * pure, single-threaded building blocks ({@link io.spmd4j.benchmarks.jmh.DoubleEncodingBenchmark})
 * and collectives with ranks as threads of one JVM
 * ({@link io.spmd4j.benchmarks.jmh.CollectiveBenchmark}).
 */
package io.spmd4j.benchmarks.jmh;
