package org.fmnist.examples.report;

import org.fmnist.data.FashionMnistClass;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestEvaluationTest {

    @Test
    void scoresFollowFromTheConfusionMatrix() {
        long[][] m = new long[10][10];
        m[0][0] = 8;  // 8 T-shirts right,
        m[0][6] = 2;  // 2 taken for shirts;
        m[6][6] = 3;  // 3 shirts right,
        m[6][0] = 1;  // 1 taken for a T-shirt.
        m[1][1] = 6;  // Nothing is ever predicted as class 2.
        m[2][1] = 4;
        TestEvaluation e = TestEvaluation.fromConfusion(m);

        assertEquals(17.0 / 24, e.accuracy(), 1e-12);
        assertEquals(24, e.total());
        ClassScores tshirt = e.classes().get(0);
        assertEquals(FashionMnistClass.of(0), tshirt.label());
        assertEquals(8.0 / 9, tshirt.precision(), 1e-12);
        assertEquals(8.0 / 10, tshirt.recall(), 1e-12);
        assertEquals(2 * (8.0 / 9) * 0.8 / (8.0 / 9 + 0.8), tshirt.f1(), 1e-12);
        assertEquals(10, tshirt.support());
        ClassScores never = e.classes().get(2);
        assertEquals(0, never.precision());
        assertEquals(0, never.recall());
        assertEquals(0, never.f1());
        assertEquals(4, never.support());
        assertEquals(0, e.classes().get(9).support());
        assertArrayEquals(m[6], e.confusion()[6]);
    }

    @Test
    void confusionIsCopiedIn() {
        long[][] m = ReportFixtures.confusion(5, 1);
        TestEvaluation e = TestEvaluation.fromConfusion(m);
        m[0][0] = 1000;
        assertEquals(5, e.confusion()[0][0]);
    }

    @Test
    void equalityComparesTheMatrixByContent() {
        TestEvaluation a = TestEvaluation.fromConfusion(ReportFixtures.confusion(5, 1));
        assertEquals(a, TestEvaluation.fromConfusion(ReportFixtures.confusion(5, 1)));
        assertEquals(a.hashCode(), TestEvaluation.fromConfusion(ReportFixtures.confusion(5, 1)).hashCode());
        long[][] changed = ReportFixtures.confusion(5, 1);
        changed[3][5] = 2;
        org.junit.jupiter.api.Assertions.assertNotEquals(a, TestEvaluation.fromConfusion(changed));
    }

    @Test
    void rejectsAnEmptyMatrix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestEvaluation.fromConfusion(new long[10][10]));
        assertEquals("confusion must count at least one image, counted 0", e.getMessage());
    }

    @Test
    void rejectsAWrongShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestEvaluation.fromConfusion(new long[9][10]));
        assertTrue(e.getMessage().startsWith("confusion must have 10 rows"), e.getMessage());
    }

    @Test
    void textAndMarkdownNameEveryClass() {
        TestEvaluation e = TestEvaluation.fromConfusion(ReportFixtures.confusion(9, 1));
        for (FashionMnistClass c : FashionMnistClass.values()) {
            assertTrue(e.toMarkdown().contains("| " + c.displayName() + " |"), c.displayName());
            assertTrue(e.toText().contains(c.displayName()), c.displayName());
        }
        assertTrue(e.toText().startsWith("test accuracy  90.00%  (100 images)"), e.toText());
    }
}
