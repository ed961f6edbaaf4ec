package io.redset.web.ui;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.communication.IndexHtmlResponse;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes the first page HTML safe for any text the views show.
 *
 * <p>Why: with {@code vaadin.eagerServerLoad=true} the page's first UIDL (every text of every
 * component: incident names and bodies, component names...) travels inside the HTML as a script,
 * {@code window.Vaadin.TypeScript = {...};}. Vaadin Flow 25's {@code IndexHtmlRequestHandler}
 * writes that JSON raw into the {@code <script>} (Jsoup data node, Jackson's default
 * serializer), unlike its older bootstrap handler, which replaces every {@code <}. So a text with
 * {@code </script>} ends the script early and the rest of the page becomes markup (and can run
 * script); one with {@code <!--} followed by {@code <script} makes the browser swallow the rest of
 * the document. Still so in Flow's main branch at the time of writing.
 *
 * <p>Fix, at the one place where the text meets HTML: before the page is written, this listener
 * rewrites that script's content, replacing {@code <}, {@code >} and {@code &} with the JavaScript
 * escapes {@code \u003c}, {@code \u003e}, {@code \u0026} (and U+2028/U+2029 likewise). In JSON
 * those characters occur only inside string literals, where the escape means the same character,
 * so the client gets identical values; the HTML parser never sees a tag. Eager loading stays:
 * the status is in the page as fetched, one round trip sooner, readable without running Vaadin.
 *
 * <p>If a future Vaadin writes the script differently, nothing is rewritten and an error is
 * logged; the browser tests with hostile text then fail, which is the signal to look again.
 *
 * <p>Why this design, and what else was weighed: {@code docs/decisions/0007-vaadin-initial-uidl-escaping.md}.
 */
@Component
public class InitialUidlEscaping implements VaadinServiceInitListener {

    static final String MARKER = "window.Vaadin.TypeScript=";
    private static final Logger log = LoggerFactory.getLogger(InitialUidlEscaping.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.addIndexHtmlRequestListener(InitialUidlEscaping::escape);
    }

    static void escape(IndexHtmlResponse response) {
        boolean found = false;
        for (Element script : response.getDocument().select("script")) {
            String data = script.data();
            int at = data.indexOf(MARKER);
            if (at < 0) {
                continue;
            }
            found = true;
            String escaped = data.substring(0, at + MARKER.length()) + escapeForScript(data.substring(at + MARKER.length()));
            script.empty();
            script.appendChild(new DataNode(escaped));
        }
        if (!found && response.getUI().isPresent()) {
            log.error("the initial UIDL script was not found in the page HTML; text in it is not escaped for HTML "
                    + "(has Vaadin changed how it bootstraps a page?)");
        }
    }

    /** JSON text made safe inside an HTML script element, meaning the same to the JavaScript parser. */
    static String escapeForScript(String json) {
        StringBuilder out = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
