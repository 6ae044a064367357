package io.spmd4j.testing;

/** Command-line entry for {@link LocalJob}: {@code RunLocal np mainClass args...} (development aid). */
public final class RunLocal {
    private RunLocal() {
    }

    /** Runs a job and prints its output. */
    public static void main(String[] args) throws Exception {
        int np = Integer.parseInt(args[0]);
        Class<?> main = Class.forName(args[1]);
        String[] rest = java.util.Arrays.copyOfRange(args, 2, args.length);
        LocalJob.Result r = LocalJob.run(np, main, java.util.List.of("-XX:TieredStopAtLevel=4"), 120, rest);
        System.out.println(r);
        System.exit(r.ok() ? 0 : 1);
    }
}
