package org.fmnist.examples.ui;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.commonmark.renderer.html.HtmlWriter;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.ui.model.stats.StatsListener;

/**
 * The sessions the train module shows, each with the storage holding it: a copy of the module's own (private)
 * record, kept by the same rules and updated after the module is, so that the dashboard can name the newest
 * session and list them all. Also the HTML of that list.
 */
final class SessionList {

    /** How often the page shown before any session is attached reloads itself, in seconds. */
    static final int WAITING_RELOAD_SECONDS = 5;

    private static final Comparator<Session> NEWEST_FIRST =
            Comparator.comparingLong(Session::lastMillis).reversed().thenComparing(Session::id);

    private final Map<String, StatsStorage> byId = new ConcurrentHashMap<>();

    /**
     * A session and the time of its latest statistics.
     *
     * @param id         the session id
     * @param lastMillis the time stamp of its latest update, or without one of its static information, in
     *                   milliseconds since the epoch; {@link Long#MIN_VALUE} when its storage cannot be read (for
     *                   example, it was closed)
     */
    record Session(String id, long lastMillis) {
    }

    /** A storage's sessions, as the train module takes them when the storage is attached. */
    void addAll(StatsStorage storage) {
        for (String id : storage.listSessionIDs()) {
            if (storage.listTypeIDsForSession(id).contains(StatsListener.TYPE_ID)) {
                byId.put(id, storage);
            }
        }
    }

    /** A session that appeared in an attached storage; the train module keeps the first storage. */
    void add(String id, StatsStorage storage) {
        byId.putIfAbsent(id, storage);
    }

    void removeAll(StatsStorage storage) {
        byId.values().removeIf(s -> s == storage);
    }

    /** Every session, the one with the latest statistics first. */
    List<Session> newestFirst() {
        List<Session> sessions = new ArrayList<>();
        byId.forEach((id, storage) -> sessions.add(new Session(id, lastMillis(storage, id))));
        sessions.sort(NEWEST_FIRST);
        return sessions;
    }

    private static long lastMillis(StatsStorage storage, String id) {
        try {
            long last = Long.MIN_VALUE;
            for (Persistable update : storage.getLatestUpdateAllWorkers(id, StatsListener.TYPE_ID)) {
                last = Math.max(last, update.getTimeStamp());
            }
            if (last == Long.MIN_VALUE) {
                for (Persistable info : storage.getAllStaticInfos(id, StatsListener.TYPE_ID)) {
                    last = Math.max(last, info.getTimeStamp());
                }
            }
            return last;
        } catch (RuntimeException e) {
            // A storage closed while still attached: its sessions sort last rather than fail the page.
            return Long.MIN_VALUE;
        }
    }

    /**
     * The session list as a page: each session linked to its overview, newest first; with none, a page that
     * says so.
     *
     * @param newestFirst the sessions, as {@link #newestFirst} gives them
     * @param reload      whether the page reloads itself every {@value #WAITING_RELOAD_SECONDS} seconds
     */
    static String page(List<Session> newestFirst, boolean reload) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n");
        // commonmark's writer escapes text and attribute values; the session ids are the training program's.
        HtmlWriter html = new HtmlWriter(out);
        html.tag("html", Map.of("lang", "en"));
        html.line();
        html.tag("head");
        html.line();
        html.tag("meta", Map.of("charset", "utf-8"), true);
        html.line();
        if (reload) {
            html.tag("meta", ordered("http-equiv", "refresh", "content", String.valueOf(WAITING_RELOAD_SECONDS)), true);
            html.line();
        }
        element(html, "title", "Training sessions - DL4J Training UI");
        html.tag("/head");
        html.line();
        html.tag("body");
        html.line();
        element(html, "h1", "DL4J Training UI");
        if (newestFirst.isEmpty()) {
            element(html, "p", "No training session is attached yet. This page reloads every "
                    + WAITING_RELOAD_SECONDS + " seconds until one is.");
        } else {
            html.tag("p");
            html.text("Training sessions, newest first; ");
            html.tag("a", Map.of("href", "/train"));
            html.text("/train");
            html.tag("/a");
            html.text(" shows the first.");
            html.tag("/p");
            html.line();
            html.tag("ul");
            html.line();
            for (Session session : newestFirst) {
                html.tag("li");
                html.tag("a", Map.of("href", path(session.id(), "overview")));
                html.text(session.id());
                html.tag("/a");
                if (session.lastMillis() != Long.MIN_VALUE) {
                    html.text(", latest statistics " + Instant.ofEpochMilli(session.lastMillis()));
                }
                html.tag("/li");
                html.line();
            }
            html.tag("/ul");
            html.line();
        }
        html.tag("/body");
        html.line();
        html.tag("/html");
        html.line();
        return out.toString();
    }

    private static void element(HtmlWriter html, String name, String text) {
        html.tag(name);
        html.text(text);
        html.tag("/" + name);
        html.line();
    }

    private static Map<String, String> ordered(String... namesAndValues) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            attributes.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return attributes;
    }

    /** {@code /train/<session>/<tab>}, with characters that may not stand in a path percent-encoded. */
    static String path(String sessionId, String tab) {
        try {
            return new URI(null, null, "/train/" + sessionId + "/" + tab, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("session id cannot form a path, was '" + sessionId + "'", e);
        }
    }
}
