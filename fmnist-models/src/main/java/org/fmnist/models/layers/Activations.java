package org.fmnist.models.layers;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Activation functions whose derivative can be read off their output, so that a layer can keep its output
 * from the forward pass instead of recomputing the pre-activation during backpropagation.
 */
final class Activations {

    private Activations() {
    }

    /** True for identity and plain ReLU (no cap, no negative slope, threshold 0). */
    static boolean derivableFromOutput(IActivation activation) {
        return activation instanceof ActivationIdentity || isPlainRelu(activation);
    }

    /** True for max(0, z): ReLU with no cap, no negative slope and threshold 0. */
    static boolean isPlainRelu(IActivation activation) {
        return activation instanceof ActivationReLU relu
                && relu.getMax() == null && relu.getThreshold() == null && relu.getNegativeSlope() == null;
    }

    /** True for the identity. */
    static boolean isIdentity(IActivation activation) {
        return activation instanceof ActivationIdentity;
    }

    /**
     * dL/dz from the activation's output a = f(z) and dL/da. For ReLU a > 0 exactly where z > 0, which is where
     * DL4J's ReLU passes the gradient through. The result is a new working array, or for the identity
     * {@code epsilon} itself.
     *
     * @param arrayType where the result lives: {@link ArrayType#BP_WORKING_MEM} for a gradient the layer uses
     *                  itself, {@link ArrayType#ACTIVATION_GRAD} for one it returns (no copy afterwards)
     */
    static INDArray backpropFromOutput(IActivation activation, INDArray output, INDArray epsilon,
            ArrayType arrayType, LayerWorkspaceMgr workspaceMgr) {
        INDArray eps = epsilon.castTo(output.dataType());
        if (activation instanceof ActivationIdentity) {
            return eps;
        }
        return reluGradient(output, eps, arrayType, workspaceMgr);
    }

    /**
     * step(a) * dL/da for a ReLU output a and dL/da of the same shape and data type, into a new array of
     * {@code arrayType}: two light passes, where the relu_bp op takes about as long as four.
     */
    static INDArray reluGradient(INDArray output, INDArray epsilon, ArrayType arrayType,
            LayerWorkspaceMgr workspaceMgr) {
        INDArray delta = workspaceMgr.createUninitialized(arrayType, output.dataType(),
                output.shape(), 'c');
        Nd4j.exec(new Step(output, delta));
        Nd4j.exec(new MulOp(delta, epsilon, delta));
        return delta;
    }
}
