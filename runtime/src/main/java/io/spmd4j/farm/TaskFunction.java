package io.spmd4j.farm;

/**
 * The function a farm maps over its inputs: called once per input, on a task thread of whichever
 * rank the coordinator gives the task to.
 *
 * <p>It must be the same function on every rank (every rank passes its own instance to
 * {@link Farm#map}). It should be a pure computation of its input: it must not communicate on the
 * farm's communicator (a receive with {@link io.spmd4j.Spmd#ANY_TAG} there would take the farm's own
 * messages). To be cancellable and to honour a task timeout it should respond to interruption:
 * blocking calls such as {@link Thread#sleep} throw {@link InterruptedException}, and a long loop can
 * check {@link Thread#isInterrupted()}.
 *
 * @param <T> the input type
 * @param <R> the result type
 */
@FunctionalInterface
public interface TaskFunction<T, R> {
    /**
     * Computes the result of one task. Anything it throws is reported as a {@link TaskException}
     * naming the task's index and rank.
     */
    R apply(T input) throws Exception;
}
