/**
 * Long-running soak of the runtime: {@link io.spmd4j.benchmarks.soak.Soak} exchanges checked messages of
 * mixed sizes and tags, with and without wildcard receives, and reports throughput and heap over time.
 * Not part of the unit suite: run it through the launcher.
 */
package io.spmd4j.benchmarks.soak;
