package org.fmnist.models.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The implementation behind {@link NativeDenseLayer}: every product is a native {@code matmul} into a row-major
 * array. {@code W} is stored column-major [in, out], so its transpose is a row-major [out, in] view of the same
 * memory; the weight gradient is written as that transpose straight into the network's gradient view, and for a
 * batch smaller than the layer's width the forward pass computes {@code z^T = W^T x^T} into the row-major
 * transpose of a column-major {@code z}.
 *
 * <p>A layer with layer normalization, or with a mask array, is computed by DL4J's own implementation.
 */
final class NativeDenseImpl extends DenseLayer {

    private static final int TRANSPOSE = 1;
    private static final int AS_IS = 0;

    /** The training-mode output of the last forward pass, kept while it is still this layer's output. */
    private INDArray trainingOutput;
    /** The input that {@link #trainingOutput} was computed from (after dropout). */
    private INDArray trainingInput;

    NativeDenseImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** False where DL4J's implementation has to run: layer normalization, masks, or input it will reject. */
    private boolean nativeApplies() {
        return !hasLayerNorm() && maskArray == null && input != null && input.rank() == 2
                && input.size(1) == layerConf().getNIn();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        trainingOutput = null;
        trainingInput = null;
        assertInputSet(false);
        if (!nativeApplies()) {
            return super.activate(training, workspaceMgr);
        }
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray z = preActivation(training, workspaceMgr, ArrayType.ACTIVATIONS);
        IActivation activation = layerConf().getActivationFn();
        INDArray result = activation.getActivation(z, training);
        if (training && Activations.derivableFromOutput(activation)) {
            trainingOutput = result;
            trainingInput = input;
        }
        return result;
    }

    /** x W + b, [batch, out]: column-major below 'out' rows, row-major from there. */
    private INDArray preActivation(boolean training, LayerWorkspaceMgr workspaceMgr, ArrayType arrayType) {
        INDArray x = castedInput();
        INDArray weights = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, training, workspaceMgr);
        // oneDNN's GEMM is faster with the longer side of the output as its rows: z^T = W^T x^T into a
        // column-major z when the batch is the shorter side (W^T is the row-major [out, in] view of DL4J's
        // column-major W), x W into a row-major z otherwise (measured on this network's dense layer, 9216 inputs
        // and 128 outputs, at batch 64 and 256).
        long batch = x.size(0);
        long units = weights.size(1);
        INDArray z;
        if (batch < units) {
            z = workspaceMgr.createUninitialized(arrayType, dataType, new long[] {batch, units}, 'f');
            matmul(weights.transpose(), AS_IS, x, TRANSPOSE, z.transpose());
        } else {
            z = workspaceMgr.createUninitialized(arrayType, dataType, new long[] {batch, units}, 'c');
            matmul(x, AS_IS, weights, AS_IS, z);
        }
        if (hasBias()) {
            z.addiRowVector(getParamWithNoise(DefaultParamInitializer.BIAS_KEY, training, workspaceMgr));
        }
        return z;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (!nativeApplies()) {
            trainingOutput = null;
            trainingInput = null;
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        IActivation activation = layerConf().getActivationFn();
        INDArray delta;
        if (trainingOutput != null && trainingInput == input) {
            delta = Activations.backpropFromOutput(activation, trainingOutput, epsilon, ArrayType.BP_WORKING_MEM,
                    workspaceMgr);
        } else {
            // No usable forward output (an inference-mode or foreign forward pass): recompute it, as DL4J does.
            INDArray z = preActivation(true, workspaceMgr, ArrayType.BP_WORKING_MEM);
            delta = activation.backprop(z, epsilon.castTo(dataType)).getFirst();
        }
        trainingOutput = null;
        trainingInput = null;

        INDArray x = castedInput();
        Gradient gradient = new DefaultGradient();
        INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        // dL/dW = x^T delta, written as its transpose delta^T x into the row-major view of the column-major array.
        matmul(delta, TRANSPOSE, x, AS_IS, weightGrad.transpose());
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
        if (hasBias()) {
            INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
            delta.sum(biasGrad, 0);
            gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
        }
        INDArray weights = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, true, workspaceMgr);
        INDArray epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType,
                new long[] {delta.size(0), weights.size(0)}, 'c');
        matmul(delta, AS_IS, weights.transpose(), AS_IS, epsOut);
        weightNoiseParams.clear();
        return new Pair<>(gradient, backpropDropOutIfPresent(epsOut));
    }

    private INDArray castedInput() {
        return input.castTo(dataType);
    }

    /** out = op(a) op(b), where op transposes when its flag is {@link #TRANSPOSE}. */
    private static void matmul(INDArray a, int transposeA, INDArray b, int transposeB, INDArray out) {
        Nd4j.exec(DynamicCustomOp.builder("matmul").addInputs(a, b).addOutputs(out)
                .addIntegerArguments(transposeA, transposeB).build());
    }
}
