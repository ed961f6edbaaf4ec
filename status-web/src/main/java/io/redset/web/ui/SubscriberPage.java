package io.redset.web.ui;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import io.redset.web.status.StatusProperties;
import io.redset.web.status.StatusService;
import io.redset.web.status.StatusSnapshot;
import io.redset.web.status.SubscriptionService;

/**
 * A page a subscriber reaches by a link with {@code ?token=} from a message: it has a form or a
 * result, so it is not redrawn by the page's polling.
 */
abstract class SubscriberPage extends PublicPage implements BeforeEnterObserver {

    protected final SubscriptionService subscriptions;
    protected String token;

    SubscriberPage(StatusService status, StatusProperties properties, SubscriptionService subscriptions) {
        super(status, properties);
        this.subscriptions = subscriptions;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        token = event.getLocation().getQueryParameters().getSingleParameter("token").orElse(null);
    }

    @Override
    boolean redrawsOnChange() {
        return false;
    }

    @Override
    String titleOf(StatusSnapshot snapshot, StatusTexts texts) {
        return " \u2013 " + texts.t("subscriptionTitle");
    }
}
