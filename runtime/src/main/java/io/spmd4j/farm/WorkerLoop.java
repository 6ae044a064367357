package io.spmd4j.farm;

import io.spmd4j.Comm;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A non-root rank's side of a map: receives the coordinator's messages on the thread that called
 * {@code map} and runs the tasks on its {@link TaskRunner}, until STOP (which comes once the rank has
 * reported every chunk it got and will get no more); then ends its task thread, answers DONE (after
 * which it sends no farm message), waits for the SUMMARY (which holds the results when they go
 * everywhere, unless they are large and a broadcast follows), and returns or throws as the
 * {@link Summary} says. One use.
 */
final class WorkerLoop<R> {
    /*
     * Start-up. The rank enters the map about when the root does, and the root's first message comes
     * only after the root has started making its connections, so the rank uses that wait: it starts
     * its task runner, whose thread loads the task code, before it waits for START. START then only
     * sets the root's task timeout and interrupt grace, and the first chunk starts at once. Its own
     * connection to the root, needed only for its first RESULTS, it starts once its first chunk runs:
     * made earlier, it would take the root's processor time (the root accepts it) just when the root
     * is making the connections every rank waits for, on a host with more ranks than cores.
     */
    private final Farm farm;
    private final Comm comm;
    private final TaskFunction<Object, Object> fn;

    WorkerLoop(Farm farm, TaskFunction<Object, Object> fn) {
        this.farm = farm;
        this.comm = farm.comm;
        this.fn = fn;
    }

    FarmResult<R> run() {
        int root = farm.root;
        int tag = farm.tag;
        RootLink link = new RootLink(comm, root, tag);
        if (farm.cancellation != null) {
            farm.cancellation.attach(link);
        }
        TaskRunner runner = new TaskRunner(fn, farm.taskTimeoutNs, farm.interruptGraceNs, comm.rank(), link);
        ExitReport report = new ExitReport(new InFlight(comm.rank(), runner));
        boolean started = false;
        boolean connecting = false;
        boolean stopped = false;
        try {
            while (true) {
                Wire.Received m = Wire.receive(comm, root, tag);
                if (m.kind() == Wire.START) {
                    long timeoutNs = m.in().readLong();
                    long graceNs = m.in().readLong();
                    runner.configure(timeoutNs, graceNs);
                    started = true;
                } else if (m.kind() == Wire.TASKS && started) {
                    runner.submit(readChunk(m.in()));
                    if (!connecting) {
                        connecting = true;
                        comm.preconnect(root); // made while the task runs, not when its result is ready
                    }
                } else if (m.kind() == Wire.CANCEL && started) {
                    runner.cancelAll();
                } else if (m.kind() == Wire.STOP) {
                    stopped = true;
                    break;
                } else {
                    throw Wire.malformed("message kind " + m.kind() + " from the root"
                        + (started ? "" : " before START"));
                }
            }
        } finally {
            report.remove();
            if (farm.cancellation != null) {
                farm.cancellation.detach(); // before DONE: a cancellation request it sends comes first
            }
            if (!stopped) {
                runner.close();
            }
        }
        int abandoned = runner.close();
        Wire.send(comm, new Wire.Out(Wire.DONE).writeInt(abandoned), root, tag);
        Wire.Received end = Wire.receive(comm, root, tag);
        if (end.kind() != Wire.SUMMARY) {
            throw Wire.malformed("message kind " + end.kind() + " from the root after DONE");
        }
        Summary summary = Summary.readFrom(end.in());
        if (!summary.everywhere) {
            return ResultBlob.outcome(summary, null, null, root, null);
        }
        byte[] blob = end.in().readByte() == 1 ? end.in().readBytes() : ResultBlob.broadcast(comm, root, null);
        List<Object> results = new ArrayList<>();
        List<TaskException> failures = new ArrayList<>();
        ResultBlob.decode(blob, results, failures);
        return ResultBlob.outcome(summary, results, failures, root, null);
    }

    /** What the rank's exit report says: the tasks it holds. */
    private static final class InFlight implements Supplier<String> {
        private final int rank;
        private final TaskRunner runner;

        InFlight(int rank, TaskRunner runner) {
            this.rank = rank;
            this.runner = runner;
        }

        @Override
        public String get() {
            List<Integer> tasks = runner.inFlight();
            return "spmd4j farm: rank " + rank + "'s process is ending during a map; " + (tasks.isEmpty()
                ? "it holds no tasks" : "its tasks in flight, whose results are lost:" + ExitReport.list(tasks));
        }
    }

    private static TaskRunner.Chunk readChunk(Wire.In in) {
        int id = in.readInt();
        int n = in.readInt();
        if (n < 1) {
            throw Wire.malformed("a chunk of " + n + " tasks");
        }
        int[] indices = new int[n];
        byte[][] inputs = new byte[n][];
        for (int i = 0; i < n; i++) {
            indices[i] = in.readInt();
            inputs[i] = in.readBytes();
        }
        return new TaskRunner.Chunk(id, indices, inputs);
    }
}
