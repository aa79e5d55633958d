package org.fmnist.examples.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StudyReportTest {

    private static StudyReport report(Path preview) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("seed", "42");
        settings.put("epochs", "6");
        return new StudyReport("Study <test>", "fmnist compare --quick", settings,
                List.of(ReportFixtures.variant("baseline", 6, 0.99, 0.88), ReportFixtures.variant("dropout", 6, 0.93, 0.90)),
                preview, preview == null ? "" : "rotate=10");
    }

    @Test
    void tableRowsCarryTheVariantsFigures() {
        List<List<String>> rows = report(null).table();
        VariantResult baseline = ReportFixtures.variant("baseline", 6, 0.99, 0.88);
        assertEquals(List.of("baseline", "90.00%",
                        String.format(java.util.Locale.ROOT, "%.2f%% (%d)", 100 * baseline.bestEpoch().validationAccuracy(),
                                baseline.bestEpoch().epoch()),
                        String.format(java.util.Locale.ROOT, "%+.2f pt", 100 * baseline.finalGap()),
                        "6", "1 min 12 s", "500"),
                rows.get(0));
        assertEquals("dropout", rows.get(1).get(0));
    }

    @Test
    void writesMarkdownHtmlAndPlots(@TempDir Path dir) throws IOException {
        Path preview = dir.resolve("elsewhere.png");
        Files.write(preview, CurvePlot.toPng(new java.awt.image.BufferedImage(20, 10, java.awt.image.BufferedImage.TYPE_INT_RGB)));
        Path out = dir.resolve("report");
        report(preview).write(out);

        for (String name : List.of(StudyReport.MARKDOWN, StudyReport.HTML, StudyReport.ACCURACY_PNG,
                StudyReport.LOSS_PNG, StudyReport.PREVIEW_PNG)) {
            assertTrue(Files.size(out.resolve(name)) > 0, name);
        }
        String md = Files.readString(out.resolve(StudyReport.MARKDOWN));
        assertTrue(md.contains("| baseline | 90.00% |"), md);
        assertTrue(md.contains("![Accuracy per epoch](curves-accuracy.png)"), md);
        assertTrue(md.contains("fmnist compare --quick"), md);

        String html = Files.readString(out.resolve(StudyReport.HTML));
        assertTrue(html.contains("<title>Study &lt;test&gt;</title>"), "title is escaped");
        Matcher src = Pattern.compile("src=\"([^\"]*)\"").matcher(html);
        int images = 0;
        while (src.find()) {
            String value = src.group(1);
            assertTrue(value.startsWith("data:image/png;base64,"), "self-contained, but found src=" + value);
            byte[] png = Base64.getDecoder().decode(value.substring("data:image/png;base64,".length()));
            assertNotNull(ImageIO.read(new ByteArrayInputStream(png)), "embedded image decodes");
            images++;
        }
        assertEquals(3, images, "accuracy, loss and preview");
        assertFalse(html.contains("href=\"http"), "no external links needed");
    }

    @Test
    void withoutAPreviewTheSectionIsLeftOut(@TempDir Path dir) throws IOException {
        report(null).write(dir);
        assertFalse(Files.readString(dir.resolve(StudyReport.MARKDOWN)).contains("Augmentation preview"));
        assertFalse(Files.exists(dir.resolve(StudyReport.PREVIEW_PNG)));
    }

    @Test
    void durationsReadNaturally() {
        assertEquals("59 s", StudyReport.duration(59.4));
        assertEquals("1 min 00 s", StudyReport.duration(60));
        assertEquals("2 h 05 min", StudyReport.duration(2 * 3600 + 5 * 60 + 10));
    }
}
