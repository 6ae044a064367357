/**
 * Task farms: a dynamic parallel map over the ranks of a communicator, for parameter sweeps and other
 * batches of independent, uneven tasks.
 *
 * <p>{@link io.spmd4j.farm.Farm#map(io.spmd4j.Comm, java.util.List, io.spmd4j.farm.TaskFunction)}
 * is the one-line form; {@link io.spmd4j.farm.Farm#builder(io.spmd4j.Comm)} sets chunk size,
 * prefetch, where results go, failure handling, task timeout, deadline, cancellation and progress
 * reporting. The {@link io.spmd4j.farm.Farm} class comment states the contract: a collective call,
 * a coordinator on the root that also computes, inputs and results through the object codec,
 * failures as {@link io.spmd4j.farm.TaskException}s naming task and rank, and what is guaranteed
 * when a rank dies.
 *
 * <p>Built on the public API of {@link io.spmd4j.Comm} only: blocking sends of byte arrays, a probe
 * and receive from any source on one reserved tag, and a broadcast for results that go everywhere.
 * Every rank runs its tasks on a task thread (see {@code TaskRunner}) while the thread
 * that called {@code map} handles messages, so cancellation and timeouts act while tasks run.
 */
package io.spmd4j.farm;
