package org.fmnist.data;

import java.util.Arrays;
import java.util.List;

/** The ten Fashion-MNIST classes, in label order: {@code ordinal()} is the label value 0-9. */
public enum FashionMnistClass {
    T_SHIRT_TOP("T-shirt/top"),
    TROUSER("Trouser"),
    PULLOVER("Pullover"),
    DRESS("Dress"),
    COAT("Coat"),
    SANDAL("Sandal"),
    SHIRT("Shirt"),
    SNEAKER("Sneaker"),
    BAG("Bag"),
    ANKLE_BOOT("Ankle boot");

    /** Number of classes, 10. */
    public static final int COUNT = 10;

    private static final FashionMnistClass[] BY_LABEL = values();
    private static final List<String> NAMES = Arrays.stream(BY_LABEL).map(FashionMnistClass::displayName).toList();

    private final String displayName;

    FashionMnistClass(String displayName) {
        this.displayName = displayName;
    }

    /** The class name as the dataset publishes it, for example {@code "T-shirt/top"}. */
    public String displayName() {
        return displayName;
    }

    /** The label value, 0-9. */
    public int label() {
        return ordinal();
    }

    /**
     * The class of a label value.
     *
     * @param label 0-9
     * @throws IllegalArgumentException if the label is outside 0-9
     */
    public static FashionMnistClass of(int label) {
        if (label < 0 || label >= COUNT) {
            throw new IllegalArgumentException("label must be in [0, 9], was " + label);
        }
        return BY_LABEL[label];
    }

    /** The ten display names in label order (immutable). */
    public static List<String> displayNames() {
        return NAMES;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
