package io.redset.web.ui;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.WrappedSession;
import com.vaadin.flow.spring.annotation.SpringComponent;
import io.redset.web.status.StatusProperties;

/**
 * Keeps anonymous page sessions short-lived: an idle session (no poll, so the tab is closed) ends
 * after {@code redset.status.session-timeout}.
 */
@SpringComponent
class PublicSessions implements VaadinServiceInitListener {

    private final StatusProperties properties;

    PublicSessions(StatusProperties properties) {
        this.properties = properties;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(e -> {
            WrappedSession session = e.getSession().getSession();
            if (session != null) {
                session.setMaxInactiveInterval((int) properties.sessionTimeout().toSeconds());
            }
        });
    }
}
