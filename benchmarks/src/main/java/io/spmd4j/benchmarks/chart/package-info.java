/**
 * Charts of the results of {@code benchmarks/run-peers.sh}: {@link io.spmd4j.benchmarks.chart.Charts}
 * reads its {@code medians.csv} and draws one PNG per metric with one series per system, using
 * XChart. Runs headless, outside any SPMD job:
 * {@code java -Djava.awt.headless=true -cp benchmarks/target/spmd4j-benchmarks.jar
 * io.spmd4j.benchmarks.chart.Charts bench-results/DATE/medians.csv}.
 */
package io.spmd4j.benchmarks.chart;
