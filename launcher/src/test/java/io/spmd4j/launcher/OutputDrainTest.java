package io.spmd4j.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OutputDrainTest {

    @Test
    void shouldReturnAtOnceWhenEveryStreamEnded() {
        OutputDrain drain = new OutputDrain(2);
        drain.ended();
        drain.ended();
        assertTrue(drain.await(0));
    }

    @Test
    void shouldGiveUpOnAStreamThatNeverMovesOnceTheGraceHasPassed() {
        OutputDrain drain = new OutputDrain(1);
        long start = System.nanoTime();
        assertFalse(drain.await(100));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(OutputDrain.GRACE_MS),
            "gave up before the grace time");
    }

    @Test
    void shouldKeepWaitingWhileAStreamMovesPastTheGrace() throws InterruptedException {
        OutputDrain drain = new OutputDrain(1);
        long moveUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(OutputDrain.GRACE_MS + 1_500);
        Thread mover = new Thread(() -> {
            while (System.nanoTime() - moveUntil < 0) {
                drain.moved();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
            drain.ended();
        });
        mover.start();
        assertTrue(drain.await(1_000), "gave up on a stream that was still moving");
        mover.join();
    }
}
