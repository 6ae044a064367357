package io.spmd4j.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;
import io.spmd4j.TestWorlds;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Failed tasks, collected failures, timeouts, cancellation and deadlines, on one rank and on three.
 * No assertion depends on timing: a mechanism that failed to stop a task that sleeps for minutes
 * would run into the world's one-minute limit instead.
 */
class FarmFailureTest {
    private static final long FOREVER_MS = TimeUnit.MINUTES.toMillis(5);

    /** An exception class the default codec filter refuses, so it crosses as a description. */
    static final class SolverException extends Exception {
        private static final long serialVersionUID = 1L;

        SolverException(String message) {
            super(message);
        }
    }

    /** A result class the default codec filter refuses. */
    record Point(int x) implements Serializable {
    }

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toList());
    }

    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {1, 3})
    void shouldThrowTheFailedTaskWithItsIndexRankAndCauseOnEveryRank(int np) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        TestWorlds.run(np, TestWorlds.Transport.LOCAL, c -> {
            TaskException e = assertThrows(TaskException.class, () -> Farm.map(c, range(2000), x -> {
                calls.incrementAndGet();
                if (x == 13) {
                    throw new IllegalStateException("boom " + x);
                }
                Thread.sleep(1);
                return x;
            }));
            assertEquals(13, e.taskIndex());
            assertTrue(e.rank() >= 0 && e.rank() < np, "rank " + e.rank());
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertEquals("boom 13", e.getCause().getMessage());
            assertTrue(e.getMessage().startsWith("task 13 failed on rank " + e.rank()), e.getMessage());
            FarmMapTest.assertNothingLeft(c);
        });
        assertTrue(calls.get() < 2000, "the map went on after the failure: " + calls.get() + " calls");
    }

    @Test
    void shouldDescribeAnExceptionTheCodecRefuses() throws Exception {
        TestWorlds.run(2, TestWorlds.Transport.LOCAL, c -> {
            TaskException e = assertThrows(TaskException.class, () -> Farm.map(c, range(4), x -> {
                if (x == 2) {
                    throw new SolverException("diverged at step " + x);
                }
                return x;
            }));
            assertEquals(2, e.taskIndex());
            RemoteTaskFailure cause = assertInstanceOf(RemoteTaskFailure.class, e.getCause());
            assertEquals(SolverException.class.getName(), cause.className());
            assertEquals(SolverException.class.getName() + ": diverged at step 2", cause.toString());
            assertTrue(cause.getStackTrace().length > 0, "the stack trace was lost");
        });
    }

    @Test
    void shouldReportAResultTheCodecRefusesAsAFailedTask() throws Exception {
        TestWorlds.run(2, TestWorlds.Transport.LOCAL, c -> {
            TaskException e = assertThrows(TaskException.class, () -> Farm.map(c, range(3), Point::new));
            MpiException cause = assertInstanceOf(MpiException.class, e.getCause());
            assertEquals(ErrorClass.ERR_CODEC, cause.errorClass());
            assertTrue(cause.getMessage().contains("spmd4j.codec.allow"), cause.getMessage());
        });
    }

    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {1, 3})
    void shouldCollectFailuresAndGoOn(int np) throws Exception {
        TestWorlds.run(np, TestWorlds.Transport.LOCAL, c -> {
            FarmResult<Integer> r = Farm.builder(c).collectFailures().resultsEverywhere().chunkSize(3).build()
                .map(range(100), x -> {
                    if (x % 10 == 3) {
                        throw new ArithmeticException("bad " + x);
                    }
                    return x + 1;
                });
            assertFalse(r.ok());
            assertEquals(100, r.completedCount());
            assertEquals(10, r.failedCount());
            assertEquals(List.of(3, 13, 23, 33, 43, 53, 63, 73, 83, 93),
                r.failures().stream().map(TaskException::taskIndex).collect(Collectors.toList()));
            for (TaskException f : r.failures()) {
                assertEquals("bad " + f.taskIndex(), f.getCause().getMessage());
            }
            for (int x = 0; x < 100; x++) {
                assertEquals(x % 10 == 3 ? null : x + 1, r.results().get(x), "result " + x);
            }
            FarmMapTest.assertNothingLeft(c);
        });
    }

    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {1, 3})
    void shouldFailATaskThatRunsPastItsTimeout(int np) throws Exception {
        TestWorlds.run(np, TestWorlds.Transport.LOCAL, c -> {
            FarmResult<Integer> r = Farm.builder(c).taskTimeout(Duration.ofMillis(200)).collectFailures().build()
                .map(range(12), x -> {
                    if (x == 5) {
                        Thread.sleep(FOREVER_MS);
                    }
                    return x;
                });
            assertEquals(12, r.completedCount());
            if (r.holdsResults()) {
                assertEquals(1, r.failures().size());
                TaskException f = r.failures().get(0);
                assertEquals(5, f.taskIndex());
                assertInstanceOf(TimeoutException.class, f.getCause());
                assertInstanceOf(InterruptedException.class, f.getCause().getCause());
                assertNull(r.results().get(5));
                assertEquals(11, r.results().get(11));
            }
            FarmMapTest.assertNothingLeft(c);
        });
    }

    /**
     * A worker makes its task runner before the root's START arrives, with its own options; the task
     * timeout and interrupt grace in force must still be the root's. Here only the root sets a timeout,
     * and every task that lands on another rank sleeps until interrupted; each of the two other ranks
     * gets at least its first chunk, so failures from both must come back, reported with the worker's
     * rank and the task's index.
     */
    @Test
    void shouldTakeTheTaskTimeoutFromTheRootOnEveryWorker() throws Exception {
        TestWorlds.run(3, TestWorlds.Transport.LOCAL, c -> {
            Farm.Builder b = Farm.builder(c).resultsEverywhere();
            if (c.rank() == 0) {
                b.taskTimeout(Duration.ofMillis(150)).interruptGrace(Duration.ofMillis(500)).collectFailures();
            }
            int rank = c.rank();
            FarmResult<Integer> r = b.build().map(range(8), x -> {
                if (rank != 0) {
                    Thread.sleep(FOREVER_MS);
                }
                return x;
            });
            assertEquals(8, r.completedCount());
            assertTrue(r.failures().stream().anyMatch(f -> f.rank() == 1), "no failure from rank 1: " + r.failures());
            assertTrue(r.failures().stream().anyMatch(f -> f.rank() == 2), "no failure from rank 2: " + r.failures());
            for (TaskException f : r.failures()) {
                assertTrue(f.rank() != 0, "a task on the root failed: " + f);
                assertInstanceOf(TimeoutException.class, f.getCause(), "task " + f.taskIndex());
                assertNull(r.results().get(f.taskIndex()));
            }
            for (int x = 0; x < 8; x++) {
                int task = x;
                if (r.failures().stream().noneMatch(f -> f.taskIndex() == task)) {
                    assertEquals(x, r.results().get(x), "result " + x);
                }
            }
            assertEquals(8 - r.failures().size(), r.tasksPerRank()[0], "tasks run on the root");
            FarmMapTest.assertNothingLeft(c);
        });
    }

    @Test
    void shouldAbandonATaskThatIgnoresInterruptionAndGoOn() throws Exception {
        TestWorlds.run(2, TestWorlds.Transport.LOCAL, c -> {
            FarmResult<Integer> r = Farm.builder(c).taskTimeout(Duration.ofMillis(100))
                .interruptGrace(Duration.ofMillis(100)).collectFailures().resultsEverywhere().build()
                .map(range(6), x -> {
                    if (x == 1) {
                        sleepIgnoringInterrupts(3_000);
                    }
                    return x;
                });
            assertEquals(List.of(1), r.failures().stream().map(TaskException::taskIndex).collect(Collectors.toList()));
            assertInstanceOf(TimeoutException.class, r.failures().get(0).getCause());
            assertEquals(List.of(0, 2, 3, 4, 5), r.results().stream().filter(v -> v != null)
                .collect(Collectors.toList()));
            FarmMapTest.assertNothingLeft(c);
        });
    }

    private static void sleepIgnoringInterrupts(long ms) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        while (System.nanoTime() < end) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                // a badly behaved task: goes on
            }
        }
    }

    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {1, 3})
    void shouldCancelFromAnyRankAndKeepWhatCompleted(int np) throws Exception {
        Cancellation[] perRank = new Cancellation[np];
        for (int r = 0; r < np; r++) {
            perRank[r] = new Cancellation();
        }
        TestWorlds.run(np, TestWorlds.Transport.LOCAL, c -> {
            Farm farm = Farm.builder(c).cancellation(perRank[c.rank()]).resultsEverywhere().build();
            FarmCancelledException e = assertThrows(FarmCancelledException.class, () -> farm.map(range(400), x -> {
                if (x == 10) {
                    perRank[np - 1].cancel("enough");
                }
                Thread.sleep(10);
                return x + 1;
            }));
            assertEquals("enough", e.reason());
            FarmResult<?> partial = e.partial();
            assertEquals(400, partial.taskCount());
            assertTrue(partial.completedCount() < 400, "nothing was cancelled");
            int completed = 0;
            for (int x = 0; x < 400; x++) {
                Object v = partial.results().get(x);
                if (v != null) {
                    assertEquals(x + 1, v);
                    completed++;
                }
            }
            assertEquals(partial.completedCount(), completed);
            FarmMapTest.assertNothingLeft(c);
        });
    }

    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {1, 3})
    void shouldInterruptRunningTasksWhenCancelledFromAnotherThread(int np) throws Exception {
        TestWorlds.run(np, TestWorlds.Transport.LOCAL, c -> {
            Cancellation cancel = new Cancellation();
            Thread canceller = new Thread(() -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
                cancel.cancel("operator");
            });
            if (c.rank() == 0) {
                canceller.start();
            }
            Farm farm = Farm.builder(c).cancellation(cancel).build();
            FarmCancelledException e = assertThrows(FarmCancelledException.class, () -> farm.map(range(10), x -> {
                Thread.sleep(FOREVER_MS);
                return x;
            }));
            assertEquals("operator", e.reason());
            assertEquals(0, e.partial().completedCount());
            canceller.join();
            FarmMapTest.assertNothingLeft(c);
        });
    }

    @Test
    void shouldCancelAtTheDeadline() throws Exception {
        TestWorlds.run(2, TestWorlds.Transport.LOCAL, c -> {
            Farm farm = Farm.builder(c).deadline(Duration.ofMillis(300)).build();
            FarmCancelledException e = assertThrows(FarmCancelledException.class, () -> farm.map(range(4), x -> {
                Thread.sleep(FOREVER_MS);
                return x;
            }));
            assertTrue(e.reason().startsWith("deadline of 0.300 s passed"), e.reason());
            FarmMapTest.assertNothingLeft(c);
        });
    }

    @Test
    void shouldCancelAtOnceWithACancelledCancellation() throws Exception {
        TestWorlds.run(3, TestWorlds.Transport.LOCAL, c -> {
            Cancellation cancel = new Cancellation();
            if (c.rank() == 2) {
                cancel.cancel("before the start");
            }
            AtomicInteger calls = new AtomicInteger();
            FarmCancelledException e = assertThrows(FarmCancelledException.class,
                () -> Farm.builder(c).cancellation(cancel).build().map(range(1000), x -> {
                    calls.incrementAndGet();
                    Thread.sleep(5);
                    return x;
                }));
            assertEquals("before the start", e.reason());
            assertTrue(calls.get() < 1000, "the map ran every task");
        });
    }

    @Test
    void shouldRejectBadOptionsNamingTheValue() throws Exception {
        TestWorlds.run(1, TestWorlds.Transport.LOCAL, c -> {
            MpiException chunk = assertThrows(MpiException.class, () -> Farm.builder(c).chunkSize(0));
            assertEquals(ErrorClass.ERR_ARG, chunk.errorClass());
            assertTrue(chunk.getMessage().contains("chunkSize=0"), chunk.getMessage());
            MpiException root = assertThrows(MpiException.class, () -> Farm.builder(c).root(1));
            assertEquals(ErrorClass.ERR_ROOT, root.errorClass());
            assertEquals("invalid root: root=1, size=1", root.getMessage());
            assertThrows(MpiException.class, () -> Farm.builder(c).taskTimeout(Duration.ZERO));
            assertThrows(MpiException.class, () -> Farm.builder(c).tag(-3));
            MpiException inputs = assertThrows(MpiException.class,
                () -> Farm.builder(c).build().map((List<Integer>) null, x -> x));
            assertEquals(ErrorClass.ERR_ARG, inputs.errorClass());
        });
    }

    @Test
    void shouldFormatTheProgressLine() {
        assertEquals("farm: 40/100 tasks done, 1 failed, 12.0 s elapsed, ETA 18.0 s",
            new Progress(40, 1, 100, 12.0).toString());
        assertEquals("farm: 3/? tasks done, 0.5 s elapsed", new Progress(3, 0, -1, 0.5).toString());
        assertEquals("farm: 8/8 tasks done, 1.0 s elapsed, finished", new Progress(8, 0, 8, 1.0).toString());
        assertTrue(Double.isNaN(new Progress(0, 0, 8, 1.0).etaSeconds()));
    }
}
