package io.spmd4j.transport.shm;

import io.spmd4j.bootstrap.LaunchEnv;
import io.spmd4j.engine.Config;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/**
 * The per-job directory that holds a job's shared-memory files: {@code <base>/spmd4j-<user>-<job id>},
 * mode 0700, its files 0600. The base is {@code spmd4j.shm.dir} when set, else {@code /dev/shm} when it
 * is a writable directory, else {@code java.io.tmpdir}.
 *
 * <p>The launcher chooses the directory, passes it to the ranks in {@link LaunchEnv#JOB_DIR} and removes
 * it when the job ends, however it ends; ranks remove their own files at finalize.
 */
public final class ShmJobDirectory {
    /** Permissions of the directory. */
    public static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    /** Permissions of every file in it. */
    public static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Path DEV_SHM = Paths.get("/dev/shm");
    /** Zeros written per call by {@link #preallocate}. */
    private static final int ZERO_CHUNK_BYTES = 64 * 1024;
    /** How the JDK words ENOSPC (and EDQUOT) in an {@link IOException}'s message. */
    private static final String[] NO_SPACE_MESSAGES = {"No space left on device", "Disk quota exceeded"};

    /**
     * The file system of the job directory has no room for a file the job needs: the message names the
     * directory and what to do (a bigger {@code /dev/shm}, another base directory, or TCP).
     */
    public static final class NoSpaceException extends IOException {
        private static final long serialVersionUID = 1L;

        NoSpaceException(String message, IOException cause) {
            super(message, cause);
        }
    }

    private ShmJobDirectory() {
    }

    /** The base directory that {@code config} selects. */
    public static Path base(Config config) {
        if (config.shmDir() != null) {
            return Paths.get(config.shmDir());
        }
        if (Files.isDirectory(DEV_SHM) && Files.isWritable(DEV_SHM)) {
            return DEV_SHM;
        }
        return Paths.get(System.getProperty("java.io.tmpdir"));
    }

    /** The directory of job {@code jobId} under the base that {@code config} selects. */
    public static Path forJob(Config config, String jobId) {
        if (!jobId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("job id '" + jobId + "' must be 1-64 letters, digits, '.', '_' or '-'");
        }
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        return base(config).resolve("spmd4j-" + user + "-" + jobId);
    }

    /** The job directory of a launched rank: {@link LaunchEnv#JOB_DIR}, else derived from the job id. */
    public static Path ofRank(Config config, Map<String, String> env, String jobId) {
        String dir = env.get(LaunchEnv.JOB_DIR);
        return dir != null && !dir.isBlank() ? Paths.get(dir) : forJob(config, jobId);
    }

    /**
     * Creates {@code dir} with mode 0700 (its parent must exist), or accepts it when it already exists,
     * belongs to this user and has mode 0700; anything else is refused, since another user could
     * otherwise read or plant the job's messages.
     */
    public static Path create(Path dir) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IOException("shared-memory base directory " + parent
                + " does not exist; set spmd4j.shm.dir (or SPMD4J_SHM_DIR) to a writable directory");
        }
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
            Files.setPosixFilePermissions(dir, DIR_MODE); // the umask may have taken bits away
        } catch (FileAlreadyExistsException e) {
            PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            String me = System.getProperty("user.name");
            if (!a.isDirectory() || !a.owner().getName().equals(me) || !a.permissions().equals(DIR_MODE)) {
                throw new IOException("refusing to use " + dir + ": it must be a directory owned by " + me
                    + " with mode 0700 (found owner " + a.owner().getName() + ", mode "
                    + PosixFilePermissions.toString(a.permissions()) + ")");
            }
        }
        return dir;
    }

    /**
     * Writes zeros over the first {@code bytes} of {@code fc}, so that every page of a later mapping is
     * backed: a mapping of a sparse file on a full tmpfs raises SIGBUS at the first write to an unbacked
     * page, whereas a write system call fails with ENOSPC, which this turns into a
     * {@link NoSpaceException} naming {@code file}'s directory. Called once per file, before mapping it.
     */
    public static void preallocate(FileChannel fc, long bytes, Path file) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(bytes, ZERO_CHUNK_BYTES));
        long at = 0;
        try {
            while (at < bytes) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), bytes - at));
                at += fc.write(zeros, at);
            }
        } catch (IOException e) {
            IOException noSpace = noSpace(e, file.toAbsolutePath().getParent(), "a " + bytes + "-byte file");
            throw noSpace != null ? noSpace : e;
        }
    }

    /**
     * A {@link NoSpaceException} for {@code e} when it reports a full file system (ENOSPC or EDQUOT), else
     * null.
     *
     * @param dir the directory that had no room
     * @param what what could not be made there, for the message ("a 1048576-byte file")
     */
    public static NoSpaceException noSpace(IOException e, Path dir, String what) {
        String m = e.getMessage();
        for (String s : NO_SPACE_MESSAGES) {
            if (m != null && m.contains(s)) {
                return new NoSpaceException("no space left in " + dir + " for " + what + " (" + m + "): give the"
                    + " shared-memory file system more room (e.g. a bigger /dev/shm: docker run --shm-size, or"
                    + " mount -o remount,size=... /dev/shm), set SPMD4J_SHM_DIR (or -Dspmd4j.shm.dir) to a directory"
                    + " with room, or use spmdrun --transport tcp", e);
            }
        }
        return null;
    }

    /** Removes {@code dir} and everything in it; a missing directory is not an error. */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path p : entries) {
                    deleteRecursively(p);
                }
            } catch (NoSuchFileException e) {
                return;
            }
        }
        Files.deleteIfExists(dir);
    }
}
