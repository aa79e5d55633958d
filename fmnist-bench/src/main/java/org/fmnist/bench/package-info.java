/**
 * Speed of the fmnist CNNs against their peers, each side in its own JVM and timed by the same rule
 * ({@link org.fmnist.bench.StepTiming}): {@link org.fmnist.bench.TrainingBenchmark} times the fmnist-models
 * presets on DL4J (and this machine's float32 matrix multiply), {@link org.fmnist.bench.LibtorchBenchmark}
 * their libtorch twins ({@link org.fmnist.bench.LibtorchTwin}) through DJL. The scripts {@code bench/vs-libtorch}
 * and {@code bench/vs-pytorch} run them alternately and print the ratios.
 */
package org.fmnist.bench;
