package org.fmnist.examples.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** What the report's plots share: their default size, the palette and the PNG encoding. */
public final class Plots {

    /** Default image width in pixels. */
    public static final int WIDTH = 1200;
    /** Default image height in pixels. */
    public static final int HEIGHT = 560;

    /** Tableau's ten colours: distinguishable, and still apart in greyscale print. */
    private static final Color[] PALETTE = {
        new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759), new Color(0x76B7B2), new Color(0x59A14F),
        new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7), new Color(0x9C755F), new Color(0xBAB0AC),
    };

    private Plots() {
    }

    /**
     * The colour of the variant at {@code index} in a plot's list of variants; shared by every plot of the
     * report, so that a variant keeps its colour from one figure to the next.
     *
     * @param index the variant's position in its list, at least 0; the ten colours repeat from the eleventh on
     * @return the colour, opaque
     */
    static Color paletteColour(int index) {
        return PALETTE[index % PALETTE.length];
    }

    /**
     * Encodes an image as PNG.
     *
     * @param image the image
     * @return the PNG bytes
     * @throws IOException if encoding fails
     */
    public static byte[] toPng(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG encoder available");
        }
        return out.toByteArray();
    }
}
