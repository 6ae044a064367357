package io.spmd4j.farm;

import io.spmd4j.Comm;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A non-root rank's side of a map: receives the coordinator's messages on the thread that called
 * {@code map} and runs the tasks on its {@link TaskRunner}, until STOP (which comes once the rank has
 * reported every chunk it got and will get no more); then ends its task thread, answers DONE (after
 * which it sends no farm message), waits for the SUMMARY, takes part in the results broadcast when
 * results go everywhere, and returns or throws as the {@link Summary} says. One use.
 */
final class WorkerLoop<R> {
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
        TaskRunner runner = null;
        if (farm.cancellation != null) {
            farm.cancellation.attach(reason -> Wire.send(comm, new Wire.Out(Wire.CANCEL_REQUEST).writeString(reason),
                root, tag));
        }
        AtomicReference<TaskRunner> running = new AtomicReference<>();
        ExitReport report = new ExitReport(() -> {
            TaskRunner r = running.get();
            List<Integer> tasks = r == null ? List.of() : r.inFlight();
            return "spmd4j farm: rank " + comm.rank() + "'s process is ending during a map; " + (tasks.isEmpty()
                ? "it holds no tasks" : "its tasks in flight, whose results are lost:" + ExitReport.list(tasks));
        });
        boolean stopped = false;
        boolean connecting = false;
        try {
            while (true) {
                Wire.Received m = Wire.receive(comm, root, tag);
                if (m.kind() == Wire.START) {
                    long timeoutNs = m.in().readLong();
                    long graceNs = m.in().readLong();
                    runner = new TaskRunner(fn, timeoutNs, graceNs, comm.rank(), out -> Wire.send(comm, out, root, tag));
                    running.set(runner);
                } else if (m.kind() == Wire.TASKS && runner != null) {
                    runner.submit(readChunk(m.in()));
                    if (!connecting) {
                        connecting = true;
                        comm.preconnect(root); // made while the task runs, not when its result is ready
                    }
                } else if (m.kind() == Wire.CANCEL && runner != null) {
                    runner.cancelAll();
                } else if (m.kind() == Wire.STOP) {
                    stopped = true;
                    break;
                } else {
                    throw Wire.malformed("message kind " + m.kind() + " from the root"
                        + (runner == null ? " before START" : ""));
                }
            }
        } finally {
            report.remove();
            if (farm.cancellation != null) {
                farm.cancellation.detach(); // before DONE: a cancellation request it sends comes first
            }
            if (!stopped && runner != null) {
                runner.close();
            }
        }
        int abandoned = runner != null ? runner.close() : 0;
        Wire.send(comm, new Wire.Out(Wire.DONE).writeInt(abandoned), root, tag);
        Wire.Received end = Wire.receive(comm, root, tag);
        if (end.kind() != Wire.SUMMARY) {
            throw Wire.malformed("message kind " + end.kind() + " from the root after DONE");
        }
        Summary summary = Summary.readFrom(end.in());
        if (!summary.everywhere) {
            return ResultBlob.outcome(summary, null, null, root, null);
        }
        List<Object> results = new ArrayList<>();
        List<TaskException> failures = new ArrayList<>();
        ResultBlob.decode(ResultBlob.broadcast(comm, root, null), results, failures);
        return ResultBlob.outcome(summary, results, failures, root, null);
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
