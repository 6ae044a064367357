/**
 * The mpiJava 1.2 API, with the method names and signatures MPJ Express 0.44 exposes, over spmd4j,
 * so that programs written for MPJ Express ({@code import mpi.*; MPI.Init(args);
 * MPI.COMM_WORLD.Send(...)}) compile against spmd4j and run unchanged under {@code spmdrun} or
 * {@code mpjrun}.
 *
 * <p><b>Mapping.</b> {@link mpi.MPI} holds the process state and the constants; {@link mpi.Comm},
 * {@link mpi.Intracomm} and {@link mpi.Cartcomm} wrap {@link io.spmd4j.Comm} and
 * {@link io.spmd4j.CartComm}; {@link mpi.Group}, {@link mpi.Op}, {@link mpi.Request} wrap their
 * spmd4j counterparts. Buffers are Java arrays given as {@code Object} with an element offset and a
 * count of {@link mpi.Datatype} items; the array's class must match the datatype's base type
 * ({@code int[]} for {@code MPI.INT}, {@code Object[]} for {@code MPI.OBJECT}), else the call fails
 * with ERR_TYPE.
 *
 * <p><b>Datatypes.</b> A basic type or a contiguous derived type (such as {@code MPI.INT2} or
 * {@code Datatype.Contiguous}) goes straight to the array, with no copy. A derived type with gaps
 * ({@code Vector}, {@code Indexed}, {@code Struct}) is packed into a contiguous scratch array
 * before sending and unpacked after receiving (see {@code Section}).
 *
 * <p><b>Errors.</b> Every error is an unchecked {@link mpi.MPIException}, a subclass of
 * {@link io.spmd4j.MpiException} that carries the MPI error class; code that declares or catches
 * {@code MPIException} compiles unchanged.
 *
 * <p><b>Where spmd4j differs from MPJ Express 0.44</b> (on purpose: MPJ Express is wrong there):
 * {@code PROC_NULL} works as a source and destination everywhere; {@code Cartcomm.Shift} gives
 * {@code PROC_NULL} at a non-periodic edge; {@code MPI.Wtime} has nanosecond resolution;
 * non-commutative user operations are applied in rank order; {@code Comm.Abort} ends the job.
 */
package mpi;
