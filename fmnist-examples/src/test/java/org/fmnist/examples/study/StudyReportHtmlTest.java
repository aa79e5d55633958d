package org.fmnist.examples.study;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's self-contained HTML page, rendered from its Markdown. */
class StudyReportHtmlTest {

    @Test
    void theTitleIsTheFirstHeadingEscaped() {
        String html = StudyReport.toHtml("# Study of <L1> & \"L2\"\n\ntext\n", Map.of());
        // The heading is Markdown (where <L1> is inline HTML); the title is its text.
        assertTrue(html.contains("\n<title>Study of &lt;L1&gt; &amp; &quot;L2&quot;</title>\n<style>"), html);
    }

    @Test
    void tablesRenderAndImagesAreEmbedded() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        String html = StudyReport.toHtml("# T\n\n| a | b |\n|---|---:|\n| 1 | 2 |\n\n![plot](plot.png)\n",
                Map.of("plot.png", png));
        assertTrue(html.contains("<th>a</th>"), html);
        assertTrue(html.contains("<td align=\"right\">2</td>"), html);
        assertTrue(html.contains("src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\""),
                html);
        assertFalse(html.contains("src=\"plot.png\""), html);
    }
}
