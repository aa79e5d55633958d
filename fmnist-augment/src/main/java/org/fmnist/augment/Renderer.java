package org.fmnist.augment;

/**
 * Applies transforms to planar images stored in flat arrays: the one pixel kernel behind
 * {@link Transform#apply}, the batch form and the DataVec form, so all three give identical pixels.
 *
 * <p>Geometric steps are not resampled one by one: their source maps are composed and the image is
 * resampled once when a pixel step or the end is reached. Not thread-safe (it owns a scratch
 * buffer); use one per thread.
 */
final class Renderer {

    private final ImageShape shape;
    private final ValueRange range;
    private final float[] scratch;

    Renderer(ImageShape shape, ValueRange range) {
        this.shape = Check.notNull("shape", shape);
        this.range = Check.notNull("range", range);
        this.scratch = new float[shape.size()];
    }

    /**
     * Writes {@code transform(src)} to {@code dst}. {@code src} is only read; the two regions may
     * not overlap.
     */
    void render(Transform transform, float[] src, int srcOffset, float[] dst, int dstOffset) {
        State state = new State(src, srcOffset, dst, dstOffset);
        if (transform instanceof Sequence sequence) {
            for (Transform step : sequence.transforms()) {
                state.step(step);
            }
        } else {
            state.step(transform);
        }
        state.finish();
    }

    /** Progress through one image: where the current image lives and what is still to resample. */
    private final class State {
        private final float[] src;
        private final int srcOffset;
        private final float[] dst;
        private final int dstOffset;
        /** Composed source map of geometric steps not yet resampled; null when there are none. */
        private Affine pending;
        /** Whether the current image is in dst (else it is still the untouched src). */
        private boolean inDst;

        State(float[] src, int srcOffset, float[] dst, int dstOffset) {
            this.src = src;
            this.srcOffset = srcOffset;
            this.dst = dst;
            this.dstOffset = dstOffset;
        }

        void step(Transform step) {
            if (step instanceof GeometricTransform geometric) {
                Affine map = geometric.sourceMap(shape);
                if (!map.isIdentity()) {
                    pending = pending == null ? map : pending.compose(map);
                }
            } else if (step instanceof PixelTransform pixel) {
                flush();
                if (!inDst) {
                    System.arraycopy(src, srcOffset, dst, dstOffset, shape.size());
                    inDst = true;
                }
                pixel.applyInPlace(dst, dstOffset, shape.size(), range);
            } else {
                for (Transform inner : ((Sequence) step).transforms()) {
                    step(inner);
                }
            }
        }

        void finish() {
            flush();
            if (!inDst) {
                System.arraycopy(src, srcOffset, dst, dstOffset, shape.size());
            }
        }

        private void flush() {
            if (pending == null) {
                return;
            }
            if (!inDst) {
                resample(src, srcOffset, dst, dstOffset, pending);
                inDst = true;
            } else {
                resample(dst, dstOffset, scratch, 0, pending);
                System.arraycopy(scratch, 0, dst, dstOffset, shape.size());
            }
            pending = null;
        }
    }

    /** Bilinear resampling of every plane through {@code map} (output to source coordinates). */
    private void resample(float[] in, int inOffset, float[] out, int outOffset, Affine map) {
        int h = shape.height();
        int w = shape.width();
        int plane = shape.planeSize();
        float bg = range.background();
        float lo = range.min();
        float hi = range.max();
        double a = map.a();
        double d = map.d();
        for (int ch = 0; ch < shape.channels(); ch++) {
            int ip = inOffset + ch * plane;
            int op = outOffset + ch * plane;
            for (int y = 0; y < h; y++) {
                // Each row starts from an exact product; steps along the row add a and d, which
                // stays exact for whole-pixel maps (flips, quarter turns, integer shifts), so those
                // land exactly on pixel centres.
                double sx = map.b() * y + map.c();
                double sy = map.e() * y + map.f();
                int o = op + y * w;
                for (int x = 0; x < w; x++, sx += a, sy += d) {
                    // Also catches NaN; beyond one pixel outside, all four neighbours are background.
                    if (!(sx > -1 && sx < w && sy > -1 && sy < h)) {
                        out[o + x] = bg;
                        continue;
                    }
                    // sx + 1 > 0 here, so truncation is floor, without Math.floor's cost.
                    int x0 = (int) (sx + 1) - 1;
                    int y0 = (int) (sy + 1) - 1;
                    float fx = (float) (sx - x0);
                    float fy = (float) (sy - y0);
                    float v00;
                    float v10;
                    float v01;
                    float v11;
                    if (x0 >= 0 && y0 >= 0 && x0 + 1 < w && y0 + 1 < h) {
                        int i = ip + y0 * w + x0;
                        v00 = in[i];
                        v10 = in[i + 1];
                        v01 = in[i + w];
                        v11 = in[i + w + 1];
                    } else {
                        v00 = at(in, ip, w, h, x0, y0, bg);
                        v10 = at(in, ip, w, h, x0 + 1, y0, bg);
                        v01 = at(in, ip, w, h, x0, y0 + 1, bg);
                        v11 = at(in, ip, w, h, x0 + 1, y0 + 1, bg);
                    }
                    // a + (b - a) * f is exactly a when f == 0: integer positions copy, not blend.
                    float top = v00 + (v10 - v00) * fx;
                    float bottom = v01 + (v11 - v01) * fx;
                    float v = top + (bottom - top) * fy;
                    // Blends of in-range values stay in range up to rounding; the clamp removes that.
                    out[o + x] = v < lo ? lo : (v > hi ? hi : v);
                }
            }
        }
    }

    private static float at(float[] in, int planeOffset, int w, int h, int x, int y, float bg) {
        return x >= 0 && y >= 0 && x < w && y < h ? in[planeOffset + y * w + x] : bg;
    }
}
