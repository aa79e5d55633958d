package org.fmnist.models;

import java.util.List;
import java.util.Objects;

import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.DeserializationFeature;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

/**
 * Everything that defines one CNN of the study and how it is trained: the architecture, each
 * regularization switch, the optimizer and its schedule, the weight initialization and the seed.
 *
 * <p>The network is always: for each {@link ConvBlock}, its convolutions (each followed by batch
 * normalization when {@code batchNorm} is on, then ReLU), an optional 2x2 max-pool, then dropout when
 * {@code dropout > 0}; then for each entry of {@code denseUnits} a ReLU dense layer followed by dropout
 * when {@code dropout > 0}; then a 10-way softmax output trained on cross-entropy. Input is one 28x28
 * channel, NCHW. {@link NetworkBuilder} turns a specification into a DL4J configuration.
 *
 * <p>Variants of the study differ in one component only: start from a {@link Preset}'s specification and
 * change one setting with {@link #toBuilder()}. A switch is off at its zero value (0 coefficients,
 * dropout 0, patience 0, empty augmentation, {@code batchNorm} false).
 *
 * <p>A specification is validated when it is constructed, so an invalid one never reaches DL4J; it is
 * written to and read from JSON with {@link #toJson()} and {@link #fromJson(String)}.
 *
 * @param name          a label for reports and saved models, for example a preset's id; not blank
 * @param convBlocks    the convolutional blocks, in order; at least one
 * @param kernelSize    side of every convolution's square kernel, in pixels; at least 1
 * @param samePadding   true to zero-pad each convolution so it keeps the spatial size ("same"); false for
 *                      no padding ("valid"), which shrinks each side by {@code kernelSize - 1}
 * @param denseUnits    widths of the ReLU dense layers between the last block and the output; may be empty,
 *                      each at least 1
 * @param batchNorm     batch normalization after each convolution, before its ReLU
 * @param dropout       dropout rate (probability of zeroing an activation) after each convolutional block
 *                      and after each dense layer; in [0, 1), 0 = off
 * @param l1            L1 coefficient on the weights (not biases) of every convolution, dense and output
 *                      layer: adds {@code l1 * sum|w|} to the loss; at least 0, 0 = off
 * @param l2            L2 coefficient on the same weights: adds {@code l2 / 2 * sum w^2} to the loss, so
 *                      {@code l2 * w} to each weight's gradient, which is what PyTorch's SGD
 *                      {@code weight_decay} does; at least 0, 0 = off
 * @param patience      early stopping: stop after this many epochs without a better validation accuracy and
 *                      keep the best model; at least 0, 0 = off (train all {@code epochs})
 * @param augmentation  the data augmentation applied to training batches, in fmnist-augment's text form
 *                      (for example {@code "rotate=10,shift=2,hflip=0.5"}); empty = off. This module only
 *                      carries it; fmnist-augment parses and applies it
 * @param updater       the gradient updater
 * @param learningRate  the initial learning rate; positive and finite
 * @param momentum      Nesterov momentum, used by {@link UpdaterType#NESTEROVS} only; in [0, 1)
 * @param lrDecay       step schedule: the learning rate is multiplied by this factor every
 *                      {@code lrDecayEpochs} epochs; in (0, 1], 1 = constant learning rate
 * @param lrDecayEpochs epochs between two learning-rate decays; at least 1
 * @param weightInit    the initialization of every weight (biases start at 0); any DL4J scheme except
 *                      {@code DISTRIBUTION}, which needs a distribution this specification does not carry
 * @param batchSize     training minibatch size, in images; at least 1
 * @param epochs        training epochs; with early stopping, the maximum; at least 1
 * @param seed          seed of the initial weights and of dropout: the same seed gives the same initial
 *                      weights
 */
public record ModelSpec(
        String name,
        List<ConvBlock> convBlocks,
        int kernelSize,
        boolean samePadding,
        List<Integer> denseUnits,
        boolean batchNorm,
        double dropout,
        double l1,
        double l2,
        int patience,
        String augmentation,
        UpdaterType updater,
        double learningRate,
        double momentum,
        double lrDecay,
        int lrDecayEpochs,
        WeightInit weightInit,
        int batchSize,
        int epochs,
        long seed) {

    /** Side of a Fashion-MNIST image, in pixels. */
    public static final int IMAGE_SIZE = 28;
    /** Number of Fashion-MNIST classes, the width of the output layer. */
    public static final int CLASSES = 10;
    /** The seed every preset uses, so that the study's variants start from comparable weights. */
    public static final long DEFAULT_SEED = 42L;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            // A hand-edited specification with a missing or misspelt setting is an error, not a default.
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * Validates every setting.
     *
     * @throws IllegalArgumentException naming the setting and its value, if one is out of range, or if the
     *                                  convolutions and pools shrink the 28x28 input to nothing
     * @throws NullPointerException     naming the setting, if a reference component is null
     */
    public ModelSpec {
        Objects.requireNonNull(name, "name must not be null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, was '" + name + "'");
        }
        Objects.requireNonNull(convBlocks, "convBlocks must not be null");
        convBlocks = List.copyOf(convBlocks);
        if (convBlocks.isEmpty()) {
            throw new IllegalArgumentException("convBlocks must hold at least one block, was []");
        }
        if (kernelSize < 1) {
            throw new IllegalArgumentException("kernelSize must be >= 1, was " + kernelSize);
        }
        Objects.requireNonNull(denseUnits, "denseUnits must not be null");
        denseUnits = List.copyOf(denseUnits);
        for (int units : denseUnits) {
            if (units < 1) {
                throw new IllegalArgumentException("denseUnits must each be >= 1, was " + denseUnits);
            }
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), was " + dropout);
        }
        requireCoefficient("l1", l1);
        requireCoefficient("l2", l2);
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0, was " + patience);
        }
        Objects.requireNonNull(augmentation, "augmentation must not be null (use \"\" for none)");
        Objects.requireNonNull(updater, "updater must not be null");
        if (!(learningRate > 0 && Double.isFinite(learningRate))) {
            throw new IllegalArgumentException("learningRate must be positive and finite, was " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), was " + momentum);
        }
        if (!(lrDecay > 0 && lrDecay <= 1)) {
            throw new IllegalArgumentException("lrDecay must be in (0, 1], was " + lrDecay);
        }
        if (lrDecayEpochs < 1) {
            throw new IllegalArgumentException("lrDecayEpochs must be >= 1, was " + lrDecayEpochs);
        }
        Objects.requireNonNull(weightInit, "weightInit must not be null");
        if (weightInit == WeightInit.DISTRIBUTION) {
            throw new IllegalArgumentException(
                    "weightInit must name a scheme that needs no distribution, was " + weightInit);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, was " + epochs);
        }
        finalFeatureSize(convBlocks, kernelSize, samePadding);
    }

    private static void requireCoefficient(String setting, double value) {
        if (!(value >= 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(setting + " must be >= 0 and finite, was " + value);
        }
    }

    /**
     * Side of the feature maps after the last block, checking that every layer still has at least one
     * pixel to work on (DL4J would otherwise fail only when the network is initialized).
     */
    private static int finalFeatureSize(List<ConvBlock> blocks, int kernelSize, boolean samePadding) {
        int size = IMAGE_SIZE;
        for (int b = 0; b < blocks.size(); b++) {
            ConvBlock block = blocks.get(b);
            for (int c = 0; c < block.filters().size(); c++) {
                if (!samePadding) {
                    size -= kernelSize - 1;
                }
                if (size < 1) {
                    throw new IllegalArgumentException("kernelSize " + kernelSize + " with convBlocks "
                            + blocks + " leaves no pixels after convolution " + (c + 1) + " of block "
                            + (b + 1) + " on a " + IMAGE_SIZE + "x" + IMAGE_SIZE + " input");
                }
            }
            if (block.pool()) {
                if (size < 2) {
                    throw new IllegalArgumentException("convBlocks " + blocks + " leave a " + size + "x" + size
                            + " map for the 2x2 pool of block " + (b + 1) + " on a " + IMAGE_SIZE + "x"
                            + IMAGE_SIZE + " input");
                }
                size /= 2;
            }
        }
        return size;
    }

    /**
     * Side of the square feature maps that the last convolutional block hands to the dense layers.
     *
     * @return the side in pixels, at least 1 (12 for the baseline)
     */
    public int featureMapSize() {
        return finalFeatureSize(convBlocks, kernelSize, samePadding);
    }

    /**
     * Whether training should use early stopping on the validation split.
     *
     * @return {@code patience > 0}
     */
    public boolean earlyStopping() {
        return patience > 0;
    }

    /**
     * Whether training batches should be augmented.
     *
     * @return true unless {@code augmentation} is blank
     */
    public boolean augmented() {
        return !augmentation.isBlank();
    }

    /**
     * This specification as indented JSON, one property per component; {@link #fromJson(String)} reads it
     * back to an equal specification.
     *
     * @return the JSON text
     */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            // Every component is a plain value, so this cannot happen short of a broken classpath.
            throw new IllegalStateException("cannot write model specification '" + name + "' as JSON", e);
        }
    }

    /**
     * Reads a specification written by {@link #toJson()}. Every component must be present; unknown
     * properties are rejected; the values are validated like any other specification's.
     *
     * @param json the JSON text
     * @return the specification
     * @throws IllegalArgumentException if the text is not a complete, valid specification; the message says
     *                                  which setting is wrong
     */
    public static ModelSpec fromJson(String json) {
        Objects.requireNonNull(json, "json must not be null");
        try {
            return JSON.readValue(json, ModelSpec.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
                throw new IllegalArgumentException("invalid model specification: " + cause.getMessage(), e);
            }
            throw new IllegalArgumentException("invalid model specification JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * A builder whose defaults are the study's {@link Preset#BASELINE baseline} under the name
     * {@code "custom"}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder starting from this specification, to derive a variant that differs in the settings changed.
     *
     * @return a new builder holding this specification's values
     */
    public Builder toBuilder() {
        return new Builder()
                .optName(name)
                .optConvBlocks(convBlocks)
                .optKernelSize(kernelSize)
                .optSamePadding(samePadding)
                .optDenseUnits(denseUnits)
                .optBatchNorm(batchNorm)
                .optDropout(dropout)
                .optL1(l1)
                .optL2(l2)
                .optPatience(patience)
                .optAugmentation(augmentation)
                .optUpdater(updater)
                .optLearningRate(learningRate)
                .optMomentum(momentum)
                .optLrDecay(lrDecay, lrDecayEpochs)
                .optWeightInit(weightInit)
                .optBatchSize(batchSize)
                .optEpochs(epochs)
                .optSeed(seed);
    }

    /**
     * Builds a {@link ModelSpec}. Every setting is optional; the defaults are the baseline network
     * (see {@link Preset#BASELINE}). Values are validated by {@link #build()}.
     */
    public static final class Builder {
        private String name = "custom";
        private List<ConvBlock> convBlocks = List.of(ConvBlock.unpooled(32), ConvBlock.pooled(64));
        private int kernelSize = 3;
        private boolean samePadding = false;
        private List<Integer> denseUnits = List.of(128);
        private boolean batchNorm = false;
        private double dropout = 0;
        private double l1 = 0;
        private double l2 = 0;
        private int patience = 0;
        private String augmentation = "";
        private UpdaterType updater = UpdaterType.ADAM;
        private double learningRate = 1e-3;
        private double momentum = 0.9;
        private double lrDecay = 1;
        private int lrDecayEpochs = 1;
        private WeightInit weightInit = WeightInit.RELU;
        private int batchSize = 64;
        private int epochs = 15;
        private long seed = DEFAULT_SEED;

        private Builder() {
        }

        /**
         * @param name label for reports and saved models; default {@code "custom"}
         * @return this builder
         */
        public Builder optName(String name) {
            this.name = name;
            return this;
        }

        /**
         * @param convBlocks the convolutional blocks; default {@code [32] then [64] + pool}
         * @return this builder
         */
        public Builder optConvBlocks(List<ConvBlock> convBlocks) {
            this.convBlocks = convBlocks;
            return this;
        }

        /**
         * @param kernelSize side of each square convolution kernel, pixels; default 3
         * @return this builder
         */
        public Builder optKernelSize(int kernelSize) {
            this.kernelSize = kernelSize;
            return this;
        }

        /**
         * @param samePadding true for "same" convolutions, false for "valid" ones; default false
         * @return this builder
         */
        public Builder optSamePadding(boolean samePadding) {
            this.samePadding = samePadding;
            return this;
        }

        /**
         * @param denseUnits widths of the dense layers before the output; default {@code [128]}
         * @return this builder
         */
        public Builder optDenseUnits(List<Integer> denseUnits) {
            this.denseUnits = denseUnits;
            return this;
        }

        /**
         * @param batchNorm batch normalization after each convolution; default false
         * @return this builder
         */
        public Builder optBatchNorm(boolean batchNorm) {
            this.batchNorm = batchNorm;
            return this;
        }

        /**
         * @param dropout dropout rate in [0, 1); default 0 (off)
         * @return this builder
         */
        public Builder optDropout(double dropout) {
            this.dropout = dropout;
            return this;
        }

        /**
         * @param l1 L1 coefficient, at least 0; default 0 (off)
         * @return this builder
         */
        public Builder optL1(double l1) {
            this.l1 = l1;
            return this;
        }

        /**
         * @param l2 L2 coefficient (weight decay), at least 0; default 0 (off)
         * @return this builder
         */
        public Builder optL2(double l2) {
            this.l2 = l2;
            return this;
        }

        /**
         * @param patience early-stopping patience in epochs, at least 0; default 0 (off)
         * @return this builder
         */
        public Builder optPatience(int patience) {
            this.patience = patience;
            return this;
        }

        /**
         * @param augmentation augmentation in fmnist-augment's text form; default {@code ""} (off)
         * @return this builder
         */
        public Builder optAugmentation(String augmentation) {
            this.augmentation = augmentation;
            return this;
        }

        /**
         * @param updater the gradient updater; default {@link UpdaterType#ADAM}
         * @return this builder
         */
        public Builder optUpdater(UpdaterType updater) {
            this.updater = updater;
            return this;
        }

        /**
         * @param learningRate initial learning rate, positive; default 0.001
         * @return this builder
         */
        public Builder optLearningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /**
         * @param momentum Nesterov momentum in [0, 1), used by {@link UpdaterType#NESTEROVS}; default 0.9
         * @return this builder
         */
        public Builder optMomentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        /**
         * Sets a step schedule; {@code (1, 1)}, the default, keeps the learning rate constant.
         *
         * @param lrDecay       factor in (0, 1] applied every {@code lrDecayEpochs} epochs
         * @param lrDecayEpochs epochs between decays, at least 1
         * @return this builder
         */
        public Builder optLrDecay(double lrDecay, int lrDecayEpochs) {
            this.lrDecay = lrDecay;
            this.lrDecayEpochs = lrDecayEpochs;
            return this;
        }

        /**
         * @param weightInit weight initialization; default {@link WeightInit#RELU} (He normal)
         * @return this builder
         */
        public Builder optWeightInit(WeightInit weightInit) {
            this.weightInit = weightInit;
            return this;
        }

        /**
         * @param batchSize minibatch size in images, at least 1; default 64
         * @return this builder
         */
        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * @param epochs training epochs (the maximum, with early stopping), at least 1; default 15
         * @return this builder
         */
        public Builder optEpochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /**
         * @param seed seed of the initial weights and dropout; default {@link #DEFAULT_SEED}
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Validates the settings and builds the specification.
         *
         * @return the specification
         * @throws IllegalArgumentException naming the setting and its value, if one is invalid
         * @throws NullPointerException     naming the setting, if one is null
         */
        public ModelSpec build() {
            return new ModelSpec(name, convBlocks, kernelSize, samePadding, denseUnits, batchNorm, dropout, l1, l2,
                    patience, augmentation, updater, learningRate, momentum, lrDecay, lrDecayEpochs, weightInit,
                    batchSize, epochs, seed);
        }
    }
}
