/**
 * What a trained model is worth beyond its clean test accuracy: how well it holds up on perturbed test images
 * ({@link org.fmnist.examples.evaluation.RobustnessCalibration}, with fmnist-augment's fixed
 * {@link org.fmnist.augment.Perturbation}s), and how far its confidence can be trusted
 * ({@link org.fmnist.examples.evaluation.Calibration}: expected calibration error, negative log-likelihood, Brier
 * score and the reliability diagram's bins). The study evaluates every run with them, {@code fmnist evaluate}
 * one saved model.
 */
package org.fmnist.examples.evaluation;
