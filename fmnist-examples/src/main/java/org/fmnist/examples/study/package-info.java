/**
 * The study as an experiment: runs over variants and seeds, and the statistics the report draws its
 * conclusions from.
 *
 * <p>A {@link org.fmnist.examples.study.StudyPlan} is a {@link org.fmnist.examples.study.Study}'s variants (or any
 * presets) times a list of seeds on one {@link org.fmnist.examples.study.Budget}.
 * {@link org.fmnist.examples.study.StudyRunner} trains the (variant, seed) runs that are not finished yet, each
 * in its own directory, so any executor can run them; {@link org.fmnist.examples.study.StudyResults} gathers them
 * into {@code study.json}, and {@link org.fmnist.examples.study.StudyReport} writes the report.
 * {@link org.fmnist.examples.study.Statistics} holds the statistics: a variant's mean over seeds with its
 * Student's t interval, the paired difference from the baseline with its verdict (an effect, or not
 * distinguishable at this budget), and McNemar's test on one seed's paired test predictions.
 */
package org.fmnist.examples.study;
