/**
 * Throughput benchmark of the project's CNNs: {@link org.fmnist.examples.bench.TrainingBenchmark} times training
 * and inference of the {@code fmnist-models} presets and this machine's float32 matrix multiply; the script
 * {@code bench/vs-pytorch} runs it alternately with the PyTorch reference and prints the ratios.
 */
package org.fmnist.examples.bench;
