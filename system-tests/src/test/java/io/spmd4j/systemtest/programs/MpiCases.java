package io.spmd4j.systemtest.programs;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import mpi.MPI;
import mpi.MPIException;

/**
 * Runs the named cases of an mpiJava conformance program one after the other and reports each on
 * its own line, so that one failing case does not hide the others and a script can compare two
 * runtimes case by case.
 *
 * <p>Uses only the mpiJava 1.2 API, so the programs compile against spmd4j's {@code mpi} package
 * and against MPJ Express' {@code mpj.jar} alike. Every rank prints, for every case,
 * <pre>
 * mpi-case PROGRAM CASE rank R ok
 * mpi-case PROGRAM CASE rank R FAIL what went wrong
 * </pre>
 * and meets the others at a barrier after it, so that the cases stay apart. Before a case rank 0
 * prints {@code mpi-case-start PROGRAM CASE}, so that a runner that sees a job hang knows in which
 * case. {@link #finish} prints {@code mpi-case-end PROGRAM rank R ok|FAIL}, then fails the rank
 * (and so the job) when any of its cases failed; otherwise rank 0 prints the program's "ok" line.
 *
 * <p>Two application arguments select cases, for a runner that has to go around a case that hangs
 * on one runtime: {@code --skip-cases=A,B} leaves those cases out, {@code --only-cases=A,B} runs
 * only those.
 *
 * <p>Error classes are an spmd4j extension ({@code MPIException.errorClass()}); {@link #expectError}
 * checks the class by reflection where the runtime has one, and else only that an
 * {@code MPIException} was thrown.
 */
final class MpiCases {
    /** Prefix of every report line. */
    static final String PREFIX = "mpi-case";
    /** Application argument naming cases to leave out, comma-separated. */
    static final String SKIP_OPTION = "--skip-cases=";
    /** Application argument naming the only cases to run, comma-separated. */
    static final String ONLY_OPTION = "--only-cases=";

    /** The body of one case: throws (an AssertionError, an MPIException ...) when it fails. */
    interface Body {
        void run() throws Exception;
    }

    private final String program;
    private final int rank;
    private final List<String> failed = new ArrayList<>();
    private final Set<String> skip = new HashSet<>();
    private final Set<String> only = new HashSet<>();

    /** Cases of {@code program}, selected by {@code appArgs} (the arguments {@code MPI.Init} returned). */
    MpiCases(String program, String[] appArgs) throws MPIException {
        this.program = program;
        this.rank = MPI.COMM_WORLD.Rank();
        for (String a : appArgs) {
            if (a.startsWith(SKIP_OPTION)) {
                skip.addAll(Arrays.asList(a.substring(SKIP_OPTION.length()).split(",")));
            } else if (a.startsWith(ONLY_OPTION)) {
                only.addAll(Arrays.asList(a.substring(ONLY_OPTION.length()).split(",")));
            }
        }
    }

    /**
     * Runs one case on this rank, unless the arguments leave it out, reports it, then waits at a
     * barrier for the other ranks.
     */
    void run(String name, Body body) throws MPIException {
        if (skip.contains(name) || !only.isEmpty() && !only.contains(name)) {
            return;
        }
        if (rank == 0) {
            System.out.println(PREFIX + "-start " + program + " " + name);
            System.out.flush();
        }
        String result;
        try {
            body.run();
            result = "ok";
        } catch (Exception | AssertionError e) {
            failed.add(name);
            result = "FAIL " + describe(e);
        }
        System.out.println(PREFIX + " " + program + " " + name + " rank " + rank + " " + result);
        System.out.flush();
        MPI.COMM_WORLD.Barrier();
    }

    /**
     * Ends the program's cases: fails this rank when one of its cases failed, else rank 0 prints
     * {@code okLine}.
     */
    void finish(String okLine) {
        System.out.println(PREFIX + "-end " + program + " rank " + rank + (failed.isEmpty() ? " ok" : " FAIL"));
        System.out.flush();
        if (!failed.isEmpty()) {
            throw new AssertionError(program + ": rank " + rank + " failed the cases " + failed);
        }
        if (rank == 0) {
            System.out.println(okLine);
        }
    }

    /**
     * Checks that {@code call} fails with an {@code MPIException} of the MPI error class
     * {@code errorClass} (such as "ERR_RANK"); on a runtime without error classes any
     * {@code MPIException} passes.
     */
    static void expectError(String errorClass, Body call) throws Exception {
        try {
            call.run();
        } catch (Exception e) {
            if (!(e instanceof MPIException)) {
                throw new AssertionError("expected an MPIException of class " + errorClass + " but got " + e, e);
            }
            String actual = errorClassOf(e);
            if (actual != null && !actual.equals(errorClass)) {
                throw new AssertionError("expected error class " + errorClass + " but got " + actual + ": " + e, e);
            }
            return;
        }
        throw new AssertionError("expected an MPIException of class " + errorClass + " but the call succeeded");
    }

    /** The name of the error's MPI error class, or null when the runtime's MPIException has none. */
    static String errorClassOf(Exception e) {
        try {
            Method m = e.getClass().getMethod("errorClass");
            Object value = m.invoke(e);
            return value instanceof Enum<?> en ? en.name() : String.valueOf(value);
        } catch (ReflectiveOperationException absent) {
            return null;
        }
    }

    private static String describe(Throwable e) {
        String text = e.toString().replace('\n', ' ').replace('\r', ' ');
        return e.getCause() != null && e.getCause() != e && !(e instanceof AssertionError)
            ? text + " (cause: " + e.getCause().toString().replace('\n', ' ') + ")" : text;
    }
}
