package org.fmnist.examples.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The session list page: every session named, linked and escaped, newest first. */
class SessionListTest {

    @Test
    void sessionIdsAreEscapedInTextAndLinks() {
        String html = SessionList.page(List.of(new SessionList.Session("a<b>&\"c'", 0)), false);
        assertTrue(html.contains("<li><a href=\"/train/a%3Cb%3E&amp;%22c'/overview\">a&lt;b&gt;&amp;&quot;c'</a>"
                + ", latest statistics 1970-01-01T00:00:00Z</li>"), html);
        assertFalse(html.contains("a<b>"), html);
        assertFalse(html.contains("http-equiv"), html);
    }

    @Test
    void anEmptyListSaysSoAndReloads() {
        String html = SessionList.page(List.of(), true);
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n"
                + "<meta http-equiv=\"refresh\" content=\"5\" />\n"
                + "<title>Training sessions - DL4J Training UI</title>\n</head>\n"), html);
        assertTrue(html.contains("<p>No training session is attached yet. This page reloads every 5 seconds until "
                + "one is.</p>"), html);
        assertTrue(html.endsWith("</body>\n</html>\n"), html);
    }

    @Test
    void sessionsWithoutStatisticsHaveNoTime() {
        String html = SessionList.page(List.of(new SessionList.Session("s2", Long.MIN_VALUE),
                new SessionList.Session("s1", 1_000)), false);
        assertEquals(1, html.split("latest statistics", -1).length - 1, html);
        assertTrue(html.indexOf(">s2</a></li>") < html.indexOf(">s1</a>"), html);
    }
}
