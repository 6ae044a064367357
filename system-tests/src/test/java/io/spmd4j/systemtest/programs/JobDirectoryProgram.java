package io.spmd4j.systemtest.programs;

import io.spmd4j.bootstrap.ThreadsContext;
import io.spmd4j.transport.shm.ShmJobDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * {@code JobDirectoryProgram exit|kill R|wait}: every rank creates the job's shared-memory directory
 * ({@code SPMD4J_JOB_DIR}) and a file of its own in it, mode 0600, as the shared-memory transport does,
 * and prints {@code "rank R pid P created FILE"}. Then every rank exits 0 ({@code exit}), rank R sends
 * its process SIGKILL while the others wait ({@code kill R}), or every rank waits to be ended
 * ({@code wait}). It does not call {@code Spmd.init}, so it works whatever the transports can do.
 */
public final class JobDirectoryProgram {
    private JobDirectoryProgram() {
    }

    public static void main(String[] args) throws Exception {
        ThreadsContext threads = ThreadsContext.current();
        int rank = threads != null ? threads.rank() : Integer.parseInt(System.getenv("SPMD4J_RANK"));
        Path dir = ShmJobDirectory.create(Paths.get(System.getenv("SPMD4J_JOB_DIR")));
        Path file = dir.resolve("rank-" + rank);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(ShmJobDirectory.FILE_MODE));
        Files.write(file, new byte[4096]);
        System.out.println("rank " + rank + " pid " + ProcessHandle.current().pid() + " created " + file);
        System.out.flush();
        switch (args[0]) {
            case "exit":
                return;
            case "kill":
                if (rank == Integer.parseInt(args[1])) {
                    new ProcessBuilder("kill", "-KILL", Long.toString(ProcessHandle.current().pid())).inheritIO()
                        .start().waitFor(10, TimeUnit.SECONDS);
                }
                Thread.sleep(Long.MAX_VALUE);
                return;
            case "wait":
                Thread.sleep(Long.MAX_VALUE);
                return;
            default:
                throw new IllegalArgumentException("unknown action " + args[0] + "; give exit, kill R or wait");
        }
    }
}
