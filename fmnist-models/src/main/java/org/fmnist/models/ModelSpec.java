package org.fmnist.models;

import java.util.List;
import java.util.Objects;

import org.deeplearning4j.nn.weights.WeightInit;
import org.fmnist.augment.Pipeline;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.DeserializationFeature;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

/**
 * One CNN of the study and how it is trained, in three parts: the {@link NetworkSpec network} (layers, the
 * regularization built into them, the weight initialization), the {@link OptimizerSpec optimizer} (updater and
 * learning-rate schedule) and the {@link TrainingSpec training run} (batch, epochs, early stopping, augmentation,
 * seed). {@link NetworkBuilder} turns a specification into a DL4J configuration.
 *
 * <p>Variants of the study differ in one setting only: start from a {@link Preset}'s specification and change
 * one setting with {@link #toBuilder()}. Each part is validated when it is constructed, so an invalid
 * specification never reaches DL4J.
 *
 * <p>{@link #toJson()} and {@link #fromJson(String)} write and read it as one flat JSON object, one property per
 * setting, the augmentation in fmnist-augment's text form.
 *
 * @param name      a label for reports and saved models, for example a preset's id; not blank
 * @param network   the network
 * @param optimizer how its weights are updated
 * @param training  how it is trained
 */
public record ModelSpec(String name, NetworkSpec network, OptimizerSpec optimizer, TrainingSpec training) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            // A hand-edited specification with a missing or misspelt setting is an error, not a default.
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * @throws IllegalArgumentException if the name is blank
     * @throws NullPointerException     naming the component, if one is null
     */
    public ModelSpec {
        Objects.requireNonNull(name, "name must not be null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, was '" + name + "'");
        }
        Objects.requireNonNull(network, "network must not be null");
        Objects.requireNonNull(optimizer, "optimizer must not be null");
        Objects.requireNonNull(training, "training must not be null");
    }

    /**
     * This specification as indented JSON, one property per setting; {@link #fromJson(String)} reads it back to
     * an equal specification.
     *
     * @return the JSON text
     */
    public String toJson() {
        try {
            return JSON.writeValueAsString(Saved.of(this));
        } catch (JsonProcessingException e) {
            // Every setting is a plain value, so this cannot happen short of a broken classpath.
            throw new IllegalStateException("cannot write model specification '" + name + "' as JSON", e);
        }
    }

    /**
     * Reads a specification written by {@link #toJson()}. Every setting must be present; unknown properties are
     * rejected; the values are validated like any other specification's.
     *
     * @param json the JSON text
     * @return the specification
     * @throws IllegalArgumentException if the text is not a complete, valid specification; the message says
     *                                  which setting is wrong
     */
    public static ModelSpec fromJson(String json) {
        Objects.requireNonNull(json, "json must not be null");
        Saved saved;
        try {
            saved = JSON.readValue(json, Saved.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid model specification JSON: " + e.getOriginalMessage(), e);
        }
        try {
            return saved.toSpec();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("invalid model specification: " + e.getMessage(), e);
        }
    }

    /** The JSON form: every setting of the three parts as one flat object, in this order. */
    private record Saved(
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

        static Saved of(ModelSpec spec) {
            NetworkSpec n = spec.network();
            OptimizerSpec o = spec.optimizer();
            TrainingSpec t = spec.training();
            return new Saved(spec.name(), n.convBlocks(), n.kernelSize(), n.samePadding(), n.denseUnits(),
                    n.batchNorm(), n.dropout(), n.l1(), n.l2(), t.patience(), t.augmentationText(), o.updater(),
                    o.learningRate(), o.momentum(), o.lrDecay(), o.lrDecayEpochs(), n.weightInit(), t.batchSize(),
                    t.epochs(), t.seed());
        }

        ModelSpec toSpec() {
            Objects.requireNonNull(augmentation, "augmentation must not be null (use \"\" for none)");
            return builder().optName(name).optConvBlocks(convBlocks).optKernelSize(kernelSize)
                    .optSamePadding(samePadding).optDenseUnits(denseUnits).optBatchNorm(batchNorm)
                    .optDropout(dropout).optL1(l1).optL2(l2).optPatience(patience)
                    .optAugmentation(Pipeline.parse(augmentation)).optUpdater(updater)
                    .optLearningRate(learningRate).optMomentum(momentum).optLrDecay(lrDecay, lrDecayEpochs)
                    .optWeightInit(weightInit).optBatchSize(batchSize).optEpochs(epochs).optSeed(seed).build();
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
                .optConvBlocks(network.convBlocks())
                .optKernelSize(network.kernelSize())
                .optSamePadding(network.samePadding())
                .optDenseUnits(network.denseUnits())
                .optBatchNorm(network.batchNorm())
                .optDropout(network.dropout())
                .optL1(network.l1())
                .optL2(network.l2())
                .optWeightInit(network.weightInit())
                .optUpdater(optimizer.updater())
                .optLearningRate(optimizer.learningRate())
                .optMomentum(optimizer.momentum())
                .optLrDecay(optimizer.lrDecay(), optimizer.lrDecayEpochs())
                .optPatience(training.patience())
                .optAugmentation(training.augmentation())
                .optBatchSize(training.batchSize())
                .optEpochs(training.epochs())
                .optSeed(training.seed());
    }

    /**
     * Builds a {@link ModelSpec}, one setting at a time, whichever part it belongs to. Every setting is optional;
     * the defaults are the baseline network (see {@link Preset#BASELINE}). Values are validated by
     * {@link #build()}.
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
        private Pipeline augmentation = Pipeline.EMPTY;
        private UpdaterType updater = UpdaterType.ADAM;
        private double learningRate = 1e-3;
        private double momentum = 0.9;
        private double lrDecay = 1;
        private int lrDecayEpochs = 1;
        private WeightInit weightInit = WeightInit.RELU;
        private int batchSize = 64;
        private int epochs = 15;
        private long seed = TrainingSpec.DEFAULT_SEED;

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
         * @param augmentation the augmentation of training batches, for example
         *                     {@code Pipeline.parse("rotate=10,hflip=0.5")}; default {@link Pipeline#EMPTY} (off)
         * @return this builder
         */
        public Builder optAugmentation(Pipeline augmentation) {
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
         * @param seed seed of the initial weights and dropout; default {@link TrainingSpec#DEFAULT_SEED}
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
            return new ModelSpec(name,
                    new NetworkSpec(convBlocks, kernelSize, samePadding, denseUnits, batchNorm, dropout, l1, l2,
                            weightInit),
                    new OptimizerSpec(updater, learningRate, momentum, lrDecay, lrDecayEpochs),
                    new TrainingSpec(batchSize, epochs, patience, augmentation, seed));
        }
    }
}
