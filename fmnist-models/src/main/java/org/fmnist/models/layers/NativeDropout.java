package org.fmnist.models.layers;

import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Inverted dropout with a fixed probability, the same transformation as DL4J's
 * {@link org.deeplearning4j.nn.conf.dropout.Dropout}: in training each activation is kept with probability
 * {@code p} and then divided by {@code p}, or set to 0; the gradient goes through the same mask.
 *
 * <p>It draws the mask with one Bernoulli pass of ND4J's random generator and applies it with one multiply,
 * where DL4J's implementation fills a mask of ones and runs its slower {@code DropOutInverted} random op on it.
 * The masks differ draw by draw,
 * as any two runs of dropout do; their distribution is the same.
 */
public final class NativeDropout implements IDropout {

    private final double p;
    private transient INDArray mask;

    /**
     * Dropout keeping each activation with probability {@code p}.
     *
     * @param p probability of keeping an activation, in (0, 1] (DL4J's convention: 1 - the dropout rate)
     * @throws IllegalArgumentException if {@code p} is outside (0, 1]
     */
    @JsonCreator
    public NativeDropout(@JsonProperty("p") double p) {
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("p (probability of keeping an activation) must be in (0, 1], was " + p);
        }
        this.p = p;
    }

    /**
     * The probability of keeping an activation.
     *
     * @return p, in (0, 1]
     */
    @JsonProperty("p")
    public double getP() {
        return p;
    }

    @Override
    public INDArray applyDropout(INDArray inputActivations, INDArray output, int iteration, int epoch,
            LayerWorkspaceMgr workspaceMgr) {
        // In the INPUT workspace, as DL4J's Dropout keeps its mask: it must last until backpropagation.
        mask = workspaceMgr.createUninitialized(ArrayType.INPUT, output.dataType(), output.shape(), output.ordering());
        Nd4j.exec(new BernoulliDistribution(mask, p));
        if (p < 1) {
            mask.muli(1.0 / p);
        }
        Nd4j.exec(new MulOp(inputActivations, mask, output));
        return output;
    }

    @Override
    public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
        if (mask == null) {
            throw new IllegalStateException("backprop before applyDropout, or after clear()");
        }
        Nd4j.exec(new MulOp(gradAtOutput, mask, gradAtInput));
        mask = null;
        return gradAtInput;
    }

    @Override
    public void clear() {
        mask = null;
    }

    @Override
    public NativeDropout clone() {
        return new NativeDropout(p);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NativeDropout d && Double.compare(d.p, p) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(p);
    }

    @Override
    public String toString() {
        return "NativeDropout(p=" + p + ")";
    }
}
