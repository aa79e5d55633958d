package org.fmnist.augment;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.fmnist.data.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PNG contact sheet of what an augmentation does: one row per example image (typically one per
 * class), the original on the left and several augmented versions to its right, so a person can
 * look at a specification before training with it.
 *
 * <p>The sheet is a pure function of its settings: the same seed gives the same picture. Row labels
 * and the title need a font; where the JVM has none (a bare headless system) the sheet is drawn
 * without text and a warning is logged.
 */
public final class PreviewGrid {

    private static final Logger LOG = LoggerFactory.getLogger(PreviewGrid.class);

    private static final int PAD = 4;
    private static final int TITLE_HEIGHT = 22;
    private static final int LABEL_WIDTH = 104;
    /** Extra space between the original and the first augmented version. */
    private static final int GAP = 10;
    private static final Color SHEET = new Color(48, 52, 60);
    private static final Color TEXT = new Color(230, 232, 236);

    private final Augmentation augmentation;
    private final List<String> labels;
    private final List<float[]> images;
    private final ImageShape shape;
    private final ValueRange range;
    private final int variants;
    private final int zoom;
    private final long seed;

    private PreviewGrid(Builder b) {
        this.augmentation = b.augmentation;
        this.labels = List.copyOf(b.labels);
        this.images = List.copyOf(b.images);
        this.shape = b.shape;
        this.range = b.range;
        this.variants = b.variants;
        this.zoom = b.zoom;
        this.seed = b.seed;
    }

    /** @return a builder; {@code setAugmentation} and at least one {@code addRow} are required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the sheet's width in pixels */
    public int width() {
        return cellX(variants) + shape.width() * zoom + PAD;
    }

    /** @return the sheet's height in pixels */
    public int height() {
        return cellY(images.size());
    }

    /** Left edge of column {@code column}: 0 is the original, 1.. the augmented versions. */
    int cellX(int column) {
        int x = PAD + LABEL_WIDTH + column * (shape.width() * zoom + PAD);
        return column > 0 ? x + GAP : x;
    }

    /** Top edge of row {@code row}. */
    int cellY(int row) {
        return TITLE_HEIGHT + row * (shape.height() * zoom + PAD);
    }

    /**
     * Draws the sheet.
     *
     * @return a new RGB image of {@link #width()} by {@link #height()} pixels
     */
    public BufferedImage render() {
        BufferedImage sheet = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setColor(SHEET);
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            SplittableRandom root = new SplittableRandom(seed);
            Renderer renderer = new Renderer(shape, range);
            float[] augmented = new float[shape.size()];
            for (int row = 0; row < images.size(); row++) {
                // One stream per row: adding rows or variants elsewhere leaves a row's draws alone.
                SplittableRandom rowStream = root.split();
                float[] image = images.get(row);
                drawCell(sheet, image, cellX(0), cellY(row));
                for (int v = 1; v <= variants; v++) {
                    renderer.render(augmentation.sample(rowStream.split()), image, 0, augmented, 0);
                    drawCell(sheet, augmented, cellX(v), cellY(row));
                }
            }
            drawText(g);
        } finally {
            g.dispose();
        }
        return sheet;
    }

    /**
     * Writes the sheet as a PNG, creating parent folders; the file appears complete or not at all.
     *
     * @param png where to write it
     * @throws IOException if writing fails
     */
    public void write(Path png) throws IOException {
        BufferedImage sheet = render();
        AtomicFiles.write(png, temp -> {
            if (!ImageIO.write(sheet, "png", temp.toFile())) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    private void drawCell(BufferedImage sheet, float[] image, int left, int top) {
        for (int y = 0; y < shape.height(); y++) {
            for (int x = 0; x < shape.width(); x++) {
                float v = (image[y * shape.width() + x] - range.min()) / range.width();
                int grey = Math.round(255 * Math.min(1f, Math.max(0f, v)));
                int rgb = grey << 16 | grey << 8 | grey;
                for (int dy = 0; dy < zoom; dy++) {
                    for (int dx = 0; dx < zoom; dx++) {
                        sheet.setRGB(left + x * zoom + dx, top + y * zoom + dy, rgb);
                    }
                }
            }
        }
    }

    private void drawText(Graphics2D g) {
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
                    RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(TEXT);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            int baseline = TITLE_HEIGHT - 7;
            g.drawString("original", cellX(0), baseline);
            g.drawString("augmented: " + describe(), cellX(1), baseline);
            int cellHeight = shape.height() * zoom;
            for (int row = 0; row < labels.size(); row++) {
                g.drawString(labels.get(row), PAD, cellY(row) + cellHeight / 2 + 4);
            }
        } catch (RuntimeException | LinkageError | InternalError e) {
            // Headless systems without fonts fail inside AWT; the images alone still inform.
            LOG.warn("preview drawn without text: no usable font ({})", e.toString());
        }
    }

    private String describe() {
        if (augmentation instanceof Pipeline pipeline) {
            try {
                return pipeline.toSpec();
            } catch (IllegalStateException e) {
                return pipeline.toString();
            }
        }
        return augmentation.toString();
    }

    /** Settings of a {@link PreviewGrid}: required {@code set*}/{@code add*}, optional {@code opt*}. */
    public static final class Builder {
        private Augmentation augmentation;
        private final List<String> labels = new ArrayList<>();
        private final List<float[]> images = new ArrayList<>();
        private ImageShape shape = ImageShape.FASHION_MNIST;
        private ValueRange range = ValueRange.UNIT;
        private int variants = 8;
        private int zoom = 3;
        private long seed;

        private Builder() {
        }

        /**
         * @param augmentation what to preview (required)
         * @return this builder
         */
        public Builder setAugmentation(Augmentation augmentation) {
            this.augmentation = Check.notNull("augmentation", augmentation);
            return this;
        }

        /**
         * Adds a row (at least one is required).
         *
         * @param label text shown left of the row, such as the class name
         * @param image the original, {@code shape.size()} values in {@code range}; copied
         * @return this builder
         */
        public Builder addRow(String label, float[] image) {
            labels.add(Check.notNull("label", label));
            images.add(Check.notNull("image", image).clone());
            return this;
        }

        /**
         * @param shape shape of every row's image, single-channel (default 28x28)
         * @return this builder
         */
        public Builder optShape(ImageShape shape) {
            this.shape = Check.notNull("shape", shape);
            return this;
        }

        /**
         * @param range value range of the images, mapped to black..white (default
         *              {@link ValueRange#UNIT})
         * @return this builder
         */
        public Builder optRange(ValueRange range) {
            this.range = Check.notNull("range", range);
            return this;
        }

        /**
         * @param variants augmented versions per row, in {@code [1, 32]} (default 8)
         * @return this builder
         */
        public Builder optVariants(int variants) {
            this.variants = (int) Check.closed("variants", variants, 1, 32);
            return this;
        }

        /**
         * @param zoom screen pixels per image pixel, in {@code [1, 16]} (default 3)
         * @return this builder
         */
        public Builder optZoom(int zoom) {
            this.zoom = (int) Check.closed("zoom", zoom, 1, 16);
            return this;
        }

        /**
         * @param seed seed of the augmentation draws (default 0)
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @return the preview
         * @throws IllegalStateException    if the augmentation or every row is missing
         * @throws IllegalArgumentException if the shape has several channels or an image does not
         *                                  fit it
         */
        public PreviewGrid build() {
            if (augmentation == null) {
                throw new IllegalStateException("augmentation must be set");
            }
            if (images.isEmpty()) {
                throw new IllegalStateException("at least one row must be added");
            }
            if (shape.channels() != 1) {
                throw new IllegalArgumentException(
                        "shape must have 1 channel for a preview, was " + shape.channels());
            }
            for (int i = 0; i < images.size(); i++) {
                if (images.get(i).length != shape.size()) {
                    throw new IllegalArgumentException("image of row " + i + " must have "
                            + shape.size() + " values, was " + images.get(i).length);
                }
            }
            return new PreviewGrid(this);
        }
    }
}
