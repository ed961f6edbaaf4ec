package io.redset.web.subscriptions;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import io.redset.web.status.StatusProperties;
import io.redset.web.status.StatusService;
import io.redset.web.status.snapshot.StatusSnapshot;
import io.redset.web.ui.PublicPage;
import io.redset.web.ui.StatusTexts;

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
    protected boolean redrawsOnChange() {
        return false;
    }

    @Override
    protected String titleOf(StatusSnapshot snapshot, StatusTexts texts) {
        return " \u2013 " + texts.t("subscriptionTitle");
    }
}
