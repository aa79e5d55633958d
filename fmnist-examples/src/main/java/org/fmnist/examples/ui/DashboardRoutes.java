package org.fmnist.examples.ui;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.ui.api.Route;
import org.deeplearning4j.ui.api.UIModule;
import org.deeplearning4j.ui.i18n.I18NProvider;

/**
 * What the dashboard answers at which address: DL4J's static assets from the class path, the routes of DL4J's UI
 * modules, and this dashboard's own pages (the newest session at DL4J's documented addresses, the session list).
 * {@link Dashboard} runs the server these routes are given to.
 */
final class DashboardRoutes {

    /** Where the session list is. */
    static final String SESSIONS_PATH = "/train/sessions";
    /** The train module's tab pages, each at {@code /train/<session>/<tab>}. */
    static final List<String> TABS = List.of("overview", "model", "system");

    /** DL4J's pages load their own scripts and styles below /assets/ and the web jars below /assets/webjars/. */
    private static final String UI_ASSETS = "deeplearning4jUiAssets";
    private static final String WEBJARS = "META-INF/resources/webjars";

    private DashboardRoutes() {
    }

    /**
     * The router of a dashboard.
     *
     * @param vertx    the Vert.x instance whose file system serves the class-path assets
     * @param modules  DL4J's UI modules, whose routes are added as they declare them
     * @param sessions the sessions shown, for the newest-session redirects and the session list
     */
    static Router create(Vertx vertx, List<UIModule> modules, SessionList sessions) {
        Router router = Router.router(vertx);
        router.get("/assets/webjars/*").handler(assets(WEBJARS));
        router.get("/assets/*").handler(assets(UI_ASSETS));
        router.get("/setlang/:sessionId/:to").handler(rc -> {
            I18NProvider.getInstance(rc.pathParam("sessionId")).setDefaultLanguage(rc.pathParam("to"));
            rc.response().end();
        });
        // Routed before the train module's, whose multi-session routes would take /train for its
        // session list and /train/overview for a session named "overview".
        router.get("/train").handler(rc -> showNewest(rc, sessions, "overview"));
        for (String tab : TABS) {
            router.get("/train/" + tab).handler(rc -> showNewest(rc, sessions, tab));
        }
        router.get(SESSIONS_PATH).handler(rc -> {
            List<SessionList.Session> newestFirst = sessions.newestFirst();
            htmlPage(rc, SessionList.page(newestFirst, newestFirst.isEmpty()));
        });
        for (UIModule module : modules) {
            for (Route route : module.getRoutes()) {
                HttpMethod method = HttpMethod.valueOf(route.getHttpMethod().name());
                List<String> names = parameterNames(route.getRoute());
                router.route(method, route.getRoute()).handler(rc -> {
                    List<String> values = new ArrayList<>(names.size());
                    for (String name : names) {
                        values.add(rc.pathParam(name));
                    }
                    route.getConsumer().accept(values, rc);
                });
            }
        }
        return router;
    }

    /** Files below a class-path directory, with Vert.x's content types; read-only, never a directory listing. */
    private static StaticHandler assets(String classPathRoot) {
        return StaticHandler.create(classPathRoot, DashboardRoutes.class.getClassLoader())
                .setFilesReadOnly(true)
                .setDirectoryListing(false)
                .setIncludeHidden(false);
    }

    /**
     * Redirects to one tab of the newest session, or before any session is attached answers a page that says so
     * and reloads itself.
     */
    private static void showNewest(RoutingContext rc, SessionList sessions, String tab) {
        List<SessionList.Session> newestFirst = sessions.newestFirst();
        if (newestFirst.isEmpty()) {
            htmlPage(rc, SessionList.page(newestFirst, true));
            return;
        }
        // Temporary and not to be cached: which session is the newest changes as training goes on.
        rc.response()
                .setStatusCode(302)
                .putHeader("location", SessionList.path(newestFirst.get(0).id(), tab))
                .putHeader("cache-control", "no-store")
                .end();
    }

    private static void htmlPage(RoutingContext rc, String html) {
        rc.response()
                .putHeader("content-type", "text/html; charset=utf-8")
                .putHeader("cache-control", "no-store")
                .end(html);
    }

    /** The names of a route's path parameters, in order: {@code /train/:sessionId/x/:id} gives both. */
    static List<String> parameterNames(String route) {
        List<String> names = new ArrayList<>();
        for (String segment : route.split("/")) {
            if (segment.startsWith(":")) {
                names.add(segment.substring(1));
            }
        }
        return names;
    }
}
