package org.fmnist.models.layers;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
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
        if (activation instanceof ActivationIdentity) {
            return true;
        }
        if (activation instanceof ActivationReLU relu) {
            return relu.getMax() == null && relu.getThreshold() == null && relu.getNegativeSlope() == null;
        }
        return false;
    }

    /**
     * dL/dz from the activation's output a = f(z) and dL/da. For ReLU a > 0 exactly where z > 0, which is where
     * DL4J's ReLU passes the gradient through.
     */
    static INDArray backpropFromOutput(IActivation activation, INDArray output, INDArray epsilon,
            LayerWorkspaceMgr workspaceMgr) {
        INDArray eps = epsilon.dataType() == output.dataType() ? epsilon : epsilon.castTo(output.dataType());
        if (activation instanceof ActivationIdentity) {
            return eps;
        }
        INDArray delta = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, output.dataType(), output.shape(), 'c');
        Nd4j.exec(DynamicCustomOp.builder("relu_bp").addInputs(output, eps).addOutputs(delta)
                .addFloatingPointArguments(0.0).build());
        return delta;
    }
}
