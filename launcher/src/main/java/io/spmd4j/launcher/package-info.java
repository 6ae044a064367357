/**
 * {@code spmdrun}, the launcher of spmd4j jobs on one host.
 *
 * <p>Flow: {@link io.spmd4j.launcher.SpmdrunCommandLine} parses the command line into immutable
 * {@link io.spmd4j.launcher.LaunchOptions} (which programs and tests build directly); a launch plan
 * resolves them against the file system (java executable, absolute classpath, main class checked to
 * exist) so that every bad value fails before a rank starts; a job starts the rendezvous service and
 * the rank processes, forwards output in whole lines, stdin to rank 0 and signals, ends the whole
 * job at the first failure, and removes the job's shared-memory directory when it ends.
 * {@link io.spmd4j.launcher.Launcher#run} is the in-process entry point.
 *
 * <p>Options that change how ranks run: {@code --transport auto|shm|tcp} sets {@code SPMD4J_TRANSPORT}
 * in every rank; {@code --threads} starts one JVM ({@code io.spmd4j.bootstrap.ThreadsMain}) that runs
 * every rank as a thread with a class loader of its own.
 */
package io.spmd4j.launcher;
