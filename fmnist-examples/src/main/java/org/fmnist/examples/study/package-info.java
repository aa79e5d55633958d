/**
 * The study as an experiment: runs over variants and seeds, and the statistics the report draws its
 * conclusions from.
 *
 * <p>{@link org.fmnist.examples.study.Statistics} holds the statistics: a variant's mean over seeds with its
 * Student's t interval, the paired difference from the baseline with its verdict (an effect, or not
 * distinguishable at this budget), and McNemar's test on one seed's paired test predictions.
 */
package org.fmnist.examples.study;
