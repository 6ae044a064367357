package io.spmd4j.launcher.programs;

import io.spmd4j.transport.shm.ShmJobDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

/**
 * {@code FillJobDirectory PROGRAM [args...]}: creates the job's shared-memory directory
 * ({@code SPMD4J_JOB_DIR}) and a file {@code rank-R} in it, as the shared-memory transport would,
 * prints {@code "rank R created FILE"}, then runs PROGRAM's main with the remaining arguments.
 */
public final class FillJobDirectory {
    private FillJobDirectory() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = ShmJobDirectory.create(Paths.get(System.getenv("SPMD4J_JOB_DIR")));
        Path file = dir.resolve("rank-" + Ranks.rank());
        Files.write(file, new byte[4096]);
        Files.setPosixFilePermissions(file, ShmJobDirectory.FILE_MODE);
        if (!PosixFilePermissions.toString(Files.getPosixFilePermissions(file)).equals("rw-------")) {
            throw new IllegalStateException(file + " is not mode 0600");
        }
        System.out.println("rank " + Ranks.rank() + " created " + file);
        System.out.flush();
        Class.forName(args[0]).getMethod("main", String[].class)
            .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }
}
