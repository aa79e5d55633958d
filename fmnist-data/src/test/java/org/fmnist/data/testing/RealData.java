package org.fmnist.data.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.fmnist.data.DatasetLocator;
import org.fmnist.data.FashionMnist;

/**
 * The real Fashion-MNIST for tests, loaded once per JVM from the standard places without downloading. Tests that
 * use it are tagged {@code real-data}; they run in CI, which installs Debian's {@code dataset-fashion-mnist}.
 */
public final class RealData {

    private static FashionMnist data;

    private RealData() {
    }

    /**
     * The real dataset.
     *
     * @throws IllegalStateException if it is not installed, saying how to install it
     */
    public static synchronized FashionMnist load() {
        if (data == null) {
            try {
                data = FashionMnist.load(DatasetLocator.builder().optDownloader(null).build().locate());
            } catch (IOException e) {
                throw new IllegalStateException("real-data tests need Fashion-MNIST: "
                        + "apt-get install dataset-fashion-mnist, or set FMNIST_HOME (" + e.getMessage() + ")", e);
            }
            if (!data.isVerified()) {
                throw new UncheckedIOException(new IOException("real-data tests need the published Fashion-MNIST, "
                        + data.location().directory() + " holds other files"));
            }
        }
        return data;
    }
}
