package org.fmnist.augment;

import static org.fmnist.augment.Images.FM;
import static org.fmnist.augment.Images.SEED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviewGridTest {

    private static PreviewGrid.Builder twoRows(Augmentation augmentation) {
        return PreviewGrid.builder().setAugmentation(augmentation)
                .addRow("T-shirt/top", Images.random(FM, ValueRange.UNIT, SEED))
                .addRow("Ankle boot", Images.random(FM, ValueRange.UNIT, SEED + 1))
                .optVariants(4).optZoom(2).optSeed(SEED);
    }

    /** The cell's pixels as grey levels 0..255, one per image pixel (top-left of each zoom block). */
    private static float[] cell(BufferedImage sheet, PreviewGrid grid, int row, int column, int zoom) {
        float[] grey = new float[FM.size()];
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                int rgb = sheet.getRGB(grid.cellX(column) + x * zoom, grid.cellY(row) + y * zoom);
                grey[y * 28 + x] = rgb & 0xff;
            }
        }
        return grey;
    }

    private static float[] toGrey(float[] unit) {
        float[] grey = new float[unit.length];
        for (int i = 0; i < unit.length; i++) {
            grey[i] = Math.round(255 * unit[i]);
        }
        return grey;
    }

    @Test
    void theOriginalSitsLeftOfItsAugmentedVersions(@TempDir Path dir) throws IOException {
        float[] original = Images.random(FM, ValueRange.UNIT, SEED + 1);
        PreviewGrid grid = twoRows(Pipeline.defaults()).build();
        Path png = dir.resolve("sub/preview.png");
        grid.write(png);
        BufferedImage sheet = ImageIO.read(png.toFile());
        assertEquals(grid.width(), sheet.getWidth());
        assertEquals(grid.height(), sheet.getHeight());
        assertArrayEquals(toGrey(original), cell(sheet, grid, 1, 0, 2));
        float[] first = cell(sheet, grid, 1, 1, 2);
        assertFalse(Arrays.equals(toGrey(original), first), "variants are augmented");
        assertFalse(Arrays.equals(first, cell(sheet, grid, 1, 2, 2)), "variants differ");
        try (var files = Files.list(png.getParent())) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void anAugmentationThatChangesNothingRepeatsTheOriginal() {
        PreviewGrid grid = twoRows(Pipeline.EMPTY).build();
        BufferedImage sheet = grid.render();
        for (int v = 1; v <= 4; v++) {
            assertArrayEquals(cell(sheet, grid, 0, 0, 2), cell(sheet, grid, 0, v, 2));
        }
    }

    @Test
    void theSheetIsAFunctionOfItsSeed() {
        int[] a = pixels(twoRows(Pipeline.defaults()).build().render());
        int[] b = pixels(twoRows(Pipeline.defaults()).build().render());
        int[] c = pixels(twoRows(Pipeline.defaults()).optSeed(SEED + 1).build().render());
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void missingOrMismatchedSettingsAreRejected() {
        assertThrows(IllegalStateException.class, () -> PreviewGrid.builder()
                .addRow("x", new float[784]).build());
        assertThrows(IllegalStateException.class, () -> PreviewGrid.builder()
                .setAugmentation(Pipeline.EMPTY).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PreviewGrid
                .builder().setAugmentation(Pipeline.EMPTY).addRow("x", new float[100]).build());
        assertTrue(e.getMessage().contains("must have 784 values, was 100"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PreviewGrid.builder().optVariants(0));
        assertTrue(e.getMessage().contains("variants must be in [1, 32], was 0"), e.getMessage());
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
