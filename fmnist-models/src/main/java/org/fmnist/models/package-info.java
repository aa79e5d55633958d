/**
 * The study's CNNs as Deeplearning4j configurations: a {@link org.fmnist.models.ModelSpec} says what a
 * network is and how it trains, {@link org.fmnist.models.Preset} names the study's specifications,
 * {@link org.fmnist.models.NetworkBuilder} turns one into a {@code MultiLayerConfiguration},
 * {@link org.fmnist.models.EarlyStoppingRule} is the one early-stopping rule, {@link org.fmnist.models.EarlyStopping}
 * sets up DL4J's early stopping from a specification with it, and
 * {@link org.fmnist.models.SavedModel} stores a trained network with its specification.
 * {@link org.fmnist.models.DenormalFlush} and {@link org.fmnist.models.NativeRuntime} keep training fast on the
 * CPU; the layers themselves are in {@link org.fmnist.models.layers}.
 */
package org.fmnist.models;
