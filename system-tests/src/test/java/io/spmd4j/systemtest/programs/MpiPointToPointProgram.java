package io.spmd4j.systemtest.programs;

import java.nio.ByteBuffer;
import java.util.Arrays;
import mpi.Datatype;
import mpi.MPI;
import mpi.MPIException;
import mpi.Prequest;
import mpi.Request;
import mpi.Status;

/**
 * Conformance of the mpiJava 1.2 point-to-point API, written from the specification as a user
 * program would be: every send mode with offsets, PROC_NULL, wildcards and statuses, objects,
 * derived datatypes, the request array operations, persistent requests, probes, Sendrecv,
 * Sendrecv_replace, cancel and the error classes. Ranks pair up around a ring. Each check is a
 * named case ({@link MpiCases}) reported on its own line, so the same program compiled against
 * MPJ Express' mpj.jar shows case by case where the runtimes disagree; prints "mpi p2p ok" on
 * rank 0 when every case passed.
 */
public final class MpiPointToPointProgram {
    /** How long the Wtime case waits: well under a second, far above a microsecond. */
    private static final long WTIME_PROBE_NS = 5_000_000L;

    private MpiPointToPointProgram() {
    }

    public static void main(String[] args) throws MPIException {
        String[] appArgs = MPI.Init(args);
        MpiCases cases = new MpiCases("p2p", appArgs);
        int p = MPI.COMM_WORLD.Size();
        int r = MPI.COMM_WORLD.Rank();
        int next = (r + 1) % p;
        int prev = (r + p - 1) % p;
        int[] out = new int[10];
        for (int i = 0; i < out.length; i++) {
            out[i] = r * 1000 + i;
        }

        cases.run("Init-returns-app-args", () -> {
            // main may get the runtime's own arguments first (MPJ Express passes rank, size, device)
            boolean tail = appArgs.length <= args.length
                && Arrays.equals(appArgs, Arrays.copyOfRange(args, args.length - appArgs.length, args.length));
            int firstApp = Arrays.asList(args).indexOf("app-arg");
            Check.that(tail && (firstApp < 0 || appArgs.length == args.length - firstApp),
                "Init returns the application's arguments: " + Arrays.toString(appArgs) + " from main's "
                    + Arrays.toString(args));
            Check.that(MPI.Initialized(), "Initialized after Init");
        });

        // every mode, with offsets: the message lands at the receive offset
        String[] modes = {"Send", "Ssend", "Bsend", "Rsend"};
        for (int mode = 0; mode < modes.length; mode++) {
            int m = mode;
            cases.run(modes[m] + "-with-offsets", () -> {
                if (m == 2) {
                    MPI.Buffer_attach(ByteBuffer.allocate(4096));
                }
                int[] in = new int[12];
                Request recv = MPI.COMM_WORLD.Irecv(in, 5, 4, MPI.INT, prev, m);
                MPI.COMM_WORLD.Barrier(); // every receive is posted: Rsend is legal
                switch (m) {
                    case 0 -> MPI.COMM_WORLD.Send(out, 3, 4, MPI.INT, next, m);
                    case 1 -> MPI.COMM_WORLD.Ssend(out, 3, 4, MPI.INT, next, m);
                    case 2 -> MPI.COMM_WORLD.Bsend(out, 3, 4, MPI.INT, next, m);
                    default -> MPI.COMM_WORLD.Rsend(out, 3, 4, MPI.INT, next, m);
                }
                Status st = recv.Wait();
                if (m == 2) {
                    MPI.Buffer_detach();
                }
                Check.equal(prev, st.source, modes[m] + ": source");
                Check.equal(m, st.tag, modes[m] + ": tag");
                Check.equal(4, st.Get_count(MPI.INT), modes[m] + ": count");
                for (int i = 0; i < 4; i++) {
                    Check.equal(prev * 1000 + 3 + i, in[5 + i], modes[m] + ": element " + i);
                }
                Check.equal(0, in[4], modes[m] + ": nothing before the offset");
                Check.equal(0, in[9], modes[m] + ": nothing past the count");
            });
        }
        cases.run("Bsend-without-buffer-is-ERR_BUFFER", () -> MpiCases.expectError("ERR_BUFFER",
            () -> MPI.COMM_WORLD.Bsend(out, 0, 1, MPI.INT, next, 99)));

        // PROC_NULL is a valid partner (MPJ Express rejects it)
        cases.run("Send-Recv-PROC_NULL", () -> {
            MPI.COMM_WORLD.Send(out, 0, 3, MPI.INT, MPI.PROC_NULL, 1);
            Status nul = MPI.COMM_WORLD.Recv(new int[3], 0, 3, MPI.INT, MPI.PROC_NULL, 1);
            Check.equal(MPI.PROC_NULL, nul.source, "receive from PROC_NULL: source");
            Check.equal(0, nul.Get_count(MPI.INT), "receive from PROC_NULL: count");
        });

        // every basic type, through Sendrecv
        cases.run("Sendrecv-DOUBLE", () -> {
            double[] dIn = new double[3];
            MPI.COMM_WORLD.Sendrecv(new double[] {r + 0.5, -r, Math.PI}, 0, 3, MPI.DOUBLE, next, 7, dIn, 0, 3,
                MPI.DOUBLE, prev, 7);
            Check.that(dIn[0] == prev + 0.5 && dIn[2] == Math.PI, "Sendrecv of doubles " + Arrays.toString(dIn));
        });
        cases.run("Sendrecv-CHAR", () -> {
            char[] cIn = new char[2];
            MPI.COMM_WORLD.Sendrecv(new char[] {'a', (char) ('a' + r)}, 0, 2, MPI.CHAR, next, 8, cIn, 0, 2, MPI.CHAR,
                prev, 8);
            Check.equal('a' + prev, cIn[1], "Sendrecv of chars");
        });
        cases.run("Sendrecv-BOOLEAN", () -> {
            boolean[] bIn = new boolean[1];
            MPI.COMM_WORLD.Sendrecv(new boolean[] {r % 2 == 0}, 0, 1, MPI.BOOLEAN, next, 9, bIn, 0, 1, MPI.BOOLEAN,
                prev, 9);
            Check.that(bIn[0] == (prev % 2 == 0), "Sendrecv of booleans");
        });
        cases.run("Sendrecv_replace-LONG", () -> {
            long[] lBuf = {r, (long) r << 40};
            Status rep = MPI.COMM_WORLD.Sendrecv_replace(lBuf, 0, 2, MPI.LONG, next, 10, prev, 10);
            Check.that(lBuf[1] == (long) prev << 40 && rep.source == prev, "Sendrecv_replace " + Arrays.toString(lBuf));
        });

        // objects, from an offset into an offset
        cases.run("OBJECT-with-offsets", () -> {
            Object[] objs = {"skip", "from " + r, new int[] {r, r}, null};
            Object[] got = new Object[5];
            Request orq = MPI.COMM_WORLD.Irecv(got, 2, 3, MPI.OBJECT, prev, 11);
            MPI.COMM_WORLD.Send(objs, 1, 3, MPI.OBJECT, next, 11);
            Status ost = orq.Wait();
            Check.equal(3, ost.Get_count(MPI.OBJECT), "object count");
            Check.that(("from " + prev).equals(got[2]) && ((int[]) got[3])[1] == prev && got[4] == null,
                "objects arrive at the offset: " + Arrays.toString(got));
        });

        // a strided column: Vector with stride, received contiguously, and back into the stride
        float[] matrix = new float[12];
        for (int i = 0; i < 12; i++) {
            matrix[i] = r * 100 + i;
        }
        float[] col = new float[3];
        cases.run("Vector-send", () -> {
            Datatype column = Datatype.Vector(3, 1, 4, MPI.FLOAT);
            column.Commit();
            Check.equal(9, column.Extent(), "vector extent");
            MPI.COMM_WORLD.Sendrecv(matrix, 1, 1, column, next, 12, col, 0, 3, MPI.FLOAT, prev, 12);
            Check.that(col[0] == prev * 100 + 1 && col[1] == prev * 100 + 5 && col[2] == prev * 100 + 9,
                "vector column " + Arrays.toString(col));
        });
        cases.run("Vector-recv", () -> {
            Datatype column = Datatype.Vector(3, 1, 4, MPI.FLOAT);
            column.Commit();
            float[] mine = {r * 100 + 1, r * 100 + 5, r * 100 + 9};
            float[] back = new float[12];
            MPI.COMM_WORLD.Sendrecv(mine, 0, 3, MPI.FLOAT, next, 13, back, 2, 1, column, prev, 13);
            Check.that(back[2] == prev * 100 + 1 && back[10] == prev * 100 + 9 && back[3] == 0,
                "vector receive unpacks " + Arrays.toString(back));
        });
        cases.run("Indexed-recv", () -> {
            Datatype idx = Datatype.Indexed(new int[] {2, 1}, new int[] {0, 4}, MPI.SHORT);
            idx.Commit();
            short[] sIn = new short[6];
            MPI.COMM_WORLD.Sendrecv(new short[] {1, 2, 3}, 0, 3, MPI.SHORT, next, 14, sIn, 0, 1, idx, prev, 14);
            Check.that(sIn[0] == 1 && sIn[1] == 2 && sIn[4] == 3 && sIn[2] == 0, "indexed " + Arrays.toString(sIn));
        });

        // request arrays: Waitany/Waitsome/Testall, wildcards
        cases.run("Waitany-Waitsome-Testall-ANY_SOURCE", () -> {
            int n = 4;
            int[][] bufs = new int[n][1];
            Request[] recvs = new Request[n];
            for (int t = 0; t < n; t++) {
                recvs[t] = MPI.COMM_WORLD.Irecv(bufs[t], 0, 1, MPI.INT, MPI.ANY_SOURCE, 20 + t);
            }
            Request[] sends = new Request[n];
            for (int t = n - 1; t >= 0; t--) {
                sends[t] = MPI.COMM_WORLD.Isend(new int[] {r * 10 + t}, 0, 1, MPI.INT, next, 20 + t);
            }
            boolean[] seen = new boolean[n];
            Status any = Request.Waitany(recvs);
            seen[any.index] = true;
            Check.equal(prev, any.source, "Waitany: source");
            Check.that(recvs[any.index].Is_null(), "a completed request becomes null");
            int done = 1;
            while (done < n) {
                for (Status s : Request.Waitsome(recvs)) {
                    Check.that(!seen[s.index], "Waitsome reports a request once");
                    seen[s.index] = true;
                    done++;
                }
            }
            for (int t = 0; t < n; t++) {
                Check.equal(prev * 10 + t, bufs[t][0], "request " + t);
            }
            while (Request.Testall(sends) == null) {
                Thread.onSpinWait();
            }
        });
        cases.run("Waitany-no-active-request-is-UNDEFINED", () -> {
            Request[] one = {MPI.COMM_WORLD.Irecv(new int[1], 0, 1, MPI.INT, prev, 24)};
            MPI.COMM_WORLD.Send(new int[] {r}, 0, 1, MPI.INT, next, 24);
            Check.equal(0, Request.Waitany(one).index, "Waitany completes the one request");
            Check.equal(MPI.UNDEFINED, Request.Waitany(one).index, "Waitany with no active request");
        });

        // persistent requests, started three times
        cases.run("Send_init-Recv_init-Startall", () -> {
            int[] pOut = new int[1];
            int[] pIn = new int[1];
            Prequest ps = MPI.COMM_WORLD.Send_init(pOut, 0, 1, MPI.INT, next, 30);
            Prequest pr = MPI.COMM_WORLD.Recv_init(pIn, 0, 1, MPI.INT, prev, 30);
            for (int round = 0; round < 3; round++) {
                pOut[0] = r + round * 100;
                Prequest.Startall(new Prequest[] {pr, ps});
                Request.Waitall(new Request[] {pr, ps});
                Check.equal(prev + round * 100, pIn[0], "persistent round " + round);
                Check.that(!pr.Is_null(), "a completed persistent request stays usable");
            }
        });

        // probes and cancel
        cases.run("Probe-count", () -> {
            // a nonblocking send: a blocking one may wait for the receive, which follows the probe
            Request sent = MPI.COMM_WORLD.Isend(new long[] {1, 2, 3, 4, 5}, 0, 5, MPI.LONG, next, 40);
            Status probed = MPI.COMM_WORLD.Probe(prev, 40);
            Check.equal(5, probed.Get_count(MPI.LONG), "Probe count");
            long[] five = new long[5];
            MPI.COMM_WORLD.Recv(five, 0, probed.Get_count(MPI.LONG), MPI.LONG, probed.source, probed.tag);
            sent.Wait();
            Check.equal(5, five[4], "the probed message");
        });
        cases.run("Iprobe-nothing-pending", () ->
            Check.that(MPI.COMM_WORLD.Iprobe(MPI.ANY_SOURCE, 41) == null, "Iprobe with nothing pending"));
        cases.run("Cancel-Irecv", () -> {
            Request never = MPI.COMM_WORLD.Irecv(new int[1], 0, 1, MPI.INT, prev, 42);
            never.Cancel();
            Check.that(never.Wait().Test_cancelled(), "a cancelled receive reports it");
        });

        // errors carry their MPI class
        cases.run("Send-rank-past-size-is-ERR_RANK", () -> MpiCases.expectError("ERR_RANK",
            () -> MPI.COMM_WORLD.Send(out, 0, 1, MPI.INT, p, 0)));
        cases.run("Send-datatype-mismatch-is-ERR_TYPE", () -> MpiCases.expectError("ERR_TYPE",
            () -> MPI.COMM_WORLD.Send(out, 0, 1, MPI.DOUBLE, next, 0)));
        cases.run("Wtime-resolution", () -> {
            Check.that(MPI.Wtick() <= 1e-6, "Wtick " + MPI.Wtick() + " s: Wtime has a resolution of 1 us or better");
            // Wtime must see a few milliseconds pass: a clock of 1 s resolution sees 0 s (or a whole
            // second, when it ticks in between)
            double t0 = MPI.Wtime();
            long start = System.nanoTime();
            while (System.nanoTime() - start < WTIME_PROBE_NS) {
                Thread.onSpinWait();
            }
            double elapsed = MPI.Wtime() - t0;
            Check.that(elapsed > 0 && elapsed != Math.rint(elapsed), "Wtime measured " + elapsed + " s for "
                + WTIME_PROBE_NS / 1e9 + " s");
        });
        cases.run("Get_processor_name", () ->
            Check.that(!MPI.Get_processor_name().isEmpty(), "processor name"));

        cases.finish("mpi p2p ok");
        MPI.Finalize();
    }
}
