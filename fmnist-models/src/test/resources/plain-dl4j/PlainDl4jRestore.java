import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A program of DL4J alone, run by SavedModelInPlainDl4jTest as a single source file on a class path without
 * fmnist's classes: it opens a model that fmnist saved and classifies images with it.
 *
 * <p>Arguments: the model zip, a file of images [N, 1, 28, 28] and the file to write the class probabilities
 * [N, 10] to, both in ND4J's binary format. Prints the configuration class of each layer.
 */
public class PlainDl4jRestore {

    private static final int BATCH = 500;

    public static void main(String[] args) throws Exception {
        try {
            Class.forName("org.fmnist.models.SavedModel");
            System.err.println("fmnist's classes are on the class path");
            System.exit(3);
        } catch (ClassNotFoundException expected) {
            // DL4J alone, as it should be.
        }
        MultiLayerNetwork network = ModelSerializer.restoreMultiLayerNetwork(new File(args[0]));
        for (Layer layer : network.getLayers()) {
            System.out.println("layer " + layer.conf().getLayer().getClass().getName());
        }
        INDArray images = Nd4j.readBinary(new File(args[1]));
        // In batches: DL4J's standard convolution unrolls its whole input (im2col) in memory.
        List<INDArray> probabilities = new ArrayList<>();
        for (long start = 0; start < images.size(0); start += BATCH) {
            INDArray batch = images.get(NDArrayIndex.interval(start, Math.min(start + BATCH, images.size(0))));
            probabilities.add(network.output(batch, false));
        }
        Nd4j.saveBinary(Nd4j.concat(0, probabilities.toArray(INDArray[]::new)), new File(args[2]));
    }
}
