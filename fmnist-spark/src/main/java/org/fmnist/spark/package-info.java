/**
 * The study on an Apache Spark cluster: {@link org.fmnist.spark.SparkStudy} makes one Spark task per (variant,
 * seed) run that is not finished yet ({@link org.fmnist.spark.RunTask}); each executor trains its runs with the
 * project's own training code into the study's directory, a path every executor can write; the driver then writes
 * the same {@code study.json} and report as the local study.
 */
package org.fmnist.spark;
