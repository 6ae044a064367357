package io.spmd4j.systemtest.programs;

/** Assertions for rank programs: a failed check throws, so the rank exits 1 and the job fails. */
final class Check {
    private Check() {
    }

    static void that(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    static void equal(long expected, long actual, String what) {
        if (expected != actual) {
            throw new AssertionError(what + ": expected " + expected + " but was " + actual);
        }
    }
}
