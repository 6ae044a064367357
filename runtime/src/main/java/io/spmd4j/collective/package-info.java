/**
 * Collective algorithms as sequences of point-to-point steps on a communicator's private
 * collective context ({@link io.spmd4j.collective.P2p}); every transport gets them for free.
 *
 * <table>
 * <caption>Algorithms by operation; {@link io.spmd4j.collective.Tuning} holds the switch points</caption>
 * <tr><th>operation</th><th>small messages</th><th>large messages</th></tr>
 * <tr><td>barrier</td><td colspan="2">dissemination ({@link io.spmd4j.collective.Barrier}); on a
 * communicator whose ranks all share memory, flags in a mapped area ({@link io.spmd4j.collective.NodeArea})</td></tr>
 * <tr><td>bcast</td><td>binomial tree</td><td>scatter + ring allgather, from 8 ranks
 * ({@link io.spmd4j.collective.Bcast}); from 16 KiB on a communicator whose ranks all share memory,
 * chunk by chunk through the mapped area's bulk region (the root copies in, the others copy out)</td></tr>
 * <tr><td>reduce</td><td>binomial tree</td><td>reduce-scatter by recursive halving + gather
 * ({@link io.spmd4j.collective.Reduce})</td></tr>
 * <tr><td>allreduce</td><td>recursive doubling; up to 4 KiB on a communicator whose ranks all
 * share memory, through the mapped area (each rank folds every payload in rank order)</td><td>Rabenseifner: recursive halving + recursive
 * doubling ({@link io.spmd4j.collective.Reduce}); from 16 KiB on a communicator whose ranks all share
 * memory, chunk by chunk through the area's bulk region (every rank copies its vector in, folds its
 * segment of all of them in the bracketing of recursive doubling, so the bits equal those of the
 * message algorithms, and copies the whole result out)</td></tr>
 * <tr><td>gather(v), scatter(v)</td><td colspan="2">linear, all transfers posted at once
 * ({@link io.spmd4j.collective.Gather})</td></tr>
 * <tr><td>allgather</td><td>Bruck</td><td>ring; allgatherv always ring
 * ({@link io.spmd4j.collective.Allgather})</td></tr>
 * <tr><td>alltoall(v)</td><td>all transfers posted at once</td><td>pairwise exchange
 * ({@link io.spmd4j.collective.Alltoall})</td></tr>
 * <tr><td>reduce-scatter</td><td colspan="2">alltoall of the blocks + local fold in rank order
 * ({@link io.spmd4j.collective.ReduceScatter})</td></tr>
 * <tr><td>scan, exscan</td><td colspan="2">recursive doubling ({@link io.spmd4j.collective.Scan})</td></tr>
 * </table>
 *
 * <p><b>Conventions.</b> Every algorithm works for any number of ranks. Reductions combine in rank
 * order ({@link io.spmd4j.collective.Combiner} has MPI's orientation, {@code inout = in op inout}
 * with {@code in} from lower ranks) along a bracketing fixed by p and the message size, so results
 * are bitwise reproducible and non-commutative operations are honoured. Each collective call uses
 * tags of its own (the communicator numbers its calls), so collectives in flight together never
 * match each other's messages. The calling thread owns the call; nonblocking collectives run the
 * same code on a helper thread of the communicator (always by messages: the mapped area serves the
 * blocking calls of the user's thread).
 *
 * <p><b>Settings</b> (system properties, bytes): {@code spmd4j.bcast.scatter.min},
 * {@code spmd4j.bcast.scatter.ranks} (ranks), {@code spmd4j.reduce.scatter.min},
 * {@code spmd4j.allreduce.halving.min}, {@code spmd4j.allgather.ring.min},
 * {@code spmd4j.alltoall.pairwise.min}, and {@code spmd4j.coll.node.bytes} (payload per rank of the
 * mapped area, default 4096; 0 keeps small allreduce on messages), {@code spmd4j.coll.node.bulk.min}
 * (allreduce and bcast through the bulk region from this size, default 16384) and
 * {@code spmd4j.coll.node.chunk} (bytes of a bulk chunk, default 1 MiB; 0: no bulk region). The area
 * exists unless both {@code spmd4j.coll.node.bytes} and {@code spmd4j.coll.node.chunk} are 0; where
 * it exists, barrier goes through it.
 */
package io.spmd4j.collective;
