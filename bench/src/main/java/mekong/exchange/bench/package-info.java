/**
 * Benchmarks, run outside the build: see BENCHMARKS.md for the commands and the results.
 */
package mekong.exchange.bench;
