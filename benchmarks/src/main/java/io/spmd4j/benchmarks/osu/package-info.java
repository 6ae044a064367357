/**
 * OSU-style benchmarks for spmd4j, run through the launcher, e.g.
 * {@code bin/spmdrun -np 2 -cp benchmarks/target/spmd4j-benchmarks.jar io.spmd4j.benchmarks.osu.Latency}.
 *
 * <p>Point-to-point between ranks 0 and 1: {@link io.spmd4j.benchmarks.osu.Latency},
 * {@link io.spmd4j.benchmarks.osu.Bandwidth}, {@link io.spmd4j.benchmarks.osu.BidirectionalBandwidth};
 * all pairs of an even number of ranks at once: {@link io.spmd4j.benchmarks.osu.MultiLatency};
 * collectives over any number of ranks from 2: {@link io.spmd4j.benchmarks.osu.Allreduce},
 * {@link io.spmd4j.benchmarks.osu.Barrier}, {@link io.spmd4j.benchmarks.osu.Bcast},
 * {@link io.spmd4j.benchmarks.osu.Allgather}, {@link io.spmd4j.benchmarks.osu.Alltoall}.
 *
 * <p>The methodology and output follow the OSU micro-benchmarks ({@code osu_latency},
 * {@code osu_bw}, {@code osu_bibw}, {@code osu_multi_lat}, {@code osu_allreduce},
 * {@code osu_barrier}, {@code osu_bcast}, {@code osu_allgather}, {@code osu_alltoall}) so that the numbers can be put beside those of Open MPI and MPJ Express: the
 * peers in {@code benchmarks/peers} print the same table from the same loops, and
 * {@code benchmarks/run-peers.sh} runs all of them side by side.
 */
package io.spmd4j.benchmarks.osu;
