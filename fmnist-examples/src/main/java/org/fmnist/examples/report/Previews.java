package org.fmnist.examples.report;

import org.fmnist.augment.Pipeline;
import org.fmnist.augment.PreviewGrid;
import org.fmnist.data.FashionMnist;
import org.fmnist.data.FashionMnistClass;
import org.fmnist.data.ImageSet;

import java.io.IOException;
import java.nio.file.Path;

/** The augmentation preview: the first test image of every class, original and augmented. */
public final class Previews {

    private Previews() {
    }

    /**
     * Writes the preview PNG.
     *
     * @param data     the dataset (test images are shown)
     * @param augmentation the augmentation, not empty
     * @param variants augmented versions per class
     * @param seed     seed of the augmentation draws
     * @param png      the file to write
     * @throws IOException if the file cannot be written
     */
    public static void write(FashionMnist data, Pipeline augmentation, int variants, long seed, Path png)
            throws IOException {
        PreviewGrid.Builder grid = PreviewGrid.builder()
                .setAugmentation(augmentation)
                .optVariants(variants)
                .optSeed(seed);
        ImageSet test = data.test();
        for (FashionMnistClass c : FashionMnistClass.values()) {
            int index = firstOf(test, c.label());
            float[] image = new float[ImageSet.PIXELS];
            for (int p = 0; p < ImageSet.PIXELS; p++) {
                image[p] = (test.pixels()[index * ImageSet.PIXELS + p] & 0xff) / 255f;
            }
            grid.addRow(c.displayName(), image);
        }
        grid.build().write(png);
    }

    private static int firstOf(ImageSet images, int label) {
        for (int i = 0; i < images.size(); i++) {
            if (images.label(i) == label) {
                return i;
            }
        }
        throw new IllegalArgumentException("the test images hold no " + FashionMnistClass.of(label).displayName());
    }
}
