package mpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.ErrorClass;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Semantics of the mpiJava facade over an in-JVM world: buffered-send accounting, derived datatypes
 * in collectives, request states and the errors raised by misuse. The system test runs the full
 * conformance programs across processes.
 */
class MpiSemanticsTest {
    @Test
    void shouldAccountBufferedSendsAgainstTheAttachedBuffer() throws Exception {
        int n = 32 * 1024; // 128 KiB: above the eager limit, so it stays in flight until the receive is posted
        MpiWorld.run(2, w -> {
            if (w.Rank() == 0) {
                MPI.Buffer_attach(ByteBuffer.allocate(MPI.BSEND_OVERHEAD + 4 * n));
                int[] data = new int[n];
                data[0] = 1;
                w.Bsend(data, 0, n, MPI.INT, 1, 0); // exactly fills the buffer, returns at once
                data[0] = -1; // local completion: the message was copied
                MPIException full = assertThrows(MPIException.class, () -> w.Bsend(data, 0, 1, MPI.INT, 1, 1));
                assertEquals(ErrorClass.ERR_BUFFER, full.errorClass());
                assertTrue(full.getMessage().contains("attach a larger buffer"), full.getMessage());
                w.Send(new int[0], 0, 0, MPI.INT, 1, 2);
                MPI.Buffer_detach(); // waits until the buffered message has gone
                MPIException none = assertThrows(MPIException.class, () -> w.Bsend(data, 0, 1, MPI.INT, 1, 1));
                assertEquals(ErrorClass.ERR_BUFFER, none.errorClass());
            } else {
                w.Recv(new int[0], 0, 0, MPI.INT, 0, 2);
                int[] in = new int[n];
                w.Recv(in, 0, n, MPI.INT, 0, 0);
                assertEquals(1, in[0], "the buffered copy was taken before the sender changed its array");
            }
        });
    }

    @Test
    void shouldGatherIntoADerivedTypeKeepingTheGaps() throws Exception {
        MpiWorld.run(3, w -> {
            Datatype pair = Datatype.Indexed(new int[] {1}, new int[] {1}, MPI.INT); // lb 1, extent 1
            pair.Commit();
            int[] recv = {-1, -1, -1, -1, -1, -1};
            w.Gather(new int[] {w.Rank() + 10}, 0, 1, MPI.INT, recv, 0, 1, pair, 0);
            if (w.Rank() == 0) {
                // item k lies at element 1 + k: elements 0, 4 and 5 are gaps and keep their values
                assertArrayEquals(new int[] {-1, 10, 11, 12, -1, -1}, recv);
            }
            double[] v = new double[6];
            Datatype stride2 = Datatype.Vector(3, 1, 2, MPI.DOUBLE);
            stride2.Commit();
            if (w.Rank() == 1) {
                v = new double[] {1, -1, 2, -1, 3, -1};
            }
            w.Bcast(v, 0, 1, stride2, 1);
            assertArrayEquals(new double[] {1, w.Rank() == 1 ? -1 : 0, 2, w.Rank() == 1 ? -1 : 0, 3,
                w.Rank() == 1 ? -1 : 0}, v, "Bcast of a strided type writes only its elements");
        });
    }

    @Test
    void shouldHandleRequestStatesAsMpiSays() throws Exception {
        MpiWorld.run(2, w -> {
            int peer = 1 - w.Rank();
            int[] in = new int[1];
            Prequest recv = w.Recv_init(in, 0, 1, MPI.INT, peer, 5);
            Status idle = recv.Wait();
            assertEquals(MPI.ANY_SOURCE, idle.source, "waiting on an inactive persistent request returns at once");
            recv.Start();
            MPIException twice = assertThrows(MPIException.class, recv::Start);
            assertEquals(ErrorClass.ERR_REQUEST, twice.errorClass());
            w.Send(new int[] {42 + w.Rank()}, 0, 1, MPI.INT, peer, 5);
            assertEquals(peer, recv.Wait().source);
            assertEquals(42 + peer, in[0]);
            assertEquals(MPI.UNDEFINED, Request.Testany(new Request[] {recv, MPI.REQUEST_NULL}).index,
                "no active request");
            Request pending = w.Irecv(new int[1], 0, 1, MPI.INT, peer, 6);
            assertNull(Request.Testall(new Request[] {pending}), "nothing was sent with tag 6");
            pending.Cancel();
            assertTrue(pending.Wait().Test_cancelled());
            assertTrue(pending.Is_null());
        });
    }

    @Test
    void shouldRejectUserOpsThatWouldSplitMultiElementItems() throws Exception {
        MpiWorld.run(1, w -> {
            Op mine = new Op(new User_function() {
                @Override
                public void Call(Object in, int io, Object inout, int ioo, int count, Datatype t) {
                    // not reached
                }
            }, true);
            MPIException e = assertThrows(MPIException.class,
                () -> w.Allreduce(new int[2], 0, new int[2], 0, 1, MPI.INT2, mine));
            assertEquals(ErrorClass.ERR_OP, e.errorClass());
            MPIException objects = assertThrows(MPIException.class,
                () -> w.Allreduce(new Object[1], 0, new Object[1], 0, 1, MPI.OBJECT, MPI.SUM));
            assertEquals(ErrorClass.ERR_OP, objects.errorClass());
        });
    }
}
