/**
 * {@code spmdrun}, the launcher of spmd4j jobs on one host, on the hosts of a hostfile, or in a Slurm
 * allocation.
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
 *
 * <p>Across hosts: {@code HostList} reads hostfiles (Open MPI, MPICH and MPJ Express formats),
 * {@code --host} and Slurm allocations; {@code Placement} deals ranks to hosts ({@code --map-by},
 * {@code --oversubscribe}); {@code HostPlan} decides which hosts are this one and how the others are
 * reached. For every other host, {@code RemoteHosts} starts a {@link io.spmd4j.launcher.NodeAgent} (one
 * ssh connection per host, all at once, or one srun step with a task per node), which connects back
 * over an authenticated TCP connection ({@code AgentProtocol}), starts that host's ranks, relays their
 * output and exit codes, and kills them when the connection to the launcher (or its ssh stdin) ends.
 */
package io.spmd4j.launcher;
