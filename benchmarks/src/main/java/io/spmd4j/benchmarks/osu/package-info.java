/**
 * OSU-style point-to-point benchmarks for spmd4j, run with two ranks through the launcher:
 * {@code bin/spmdrun -np 2 -cp benchmarks/target/spmd4j-benchmarks.jar io.spmd4j.benchmarks.osu.Latency}.
 *
 * <p>The methodology and output follow the OSU micro-benchmarks ({@code osu_latency},
 * {@code osu_bw}) so that the numbers can be put beside those of Open MPI and MPJ Express: the
 * peers in {@code benchmarks/peers} print the same table from the same loops, and
 * {@code benchmarks/run-peers.sh} runs all of them side by side.
 */
package io.spmd4j.benchmarks.osu;
