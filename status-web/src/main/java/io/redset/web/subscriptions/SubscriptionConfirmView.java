package io.redset.web.subscriptions;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.redset.web.status.StatusProperties;
import io.redset.web.status.StatusService;
import io.redset.web.status.snapshot.StatusSnapshot;
import io.redset.web.subscriptions.SubscriptionService.Subscription;
import io.redset.web.ui.StatusTexts;

import java.util.Optional;

/**
 * {@code /subscription/confirm?token=...}: the link of the confirmation e-mail. Confirms (again
 * harmlessly) and says what the subscriber will get, with the way to change it.
 */
@AnonymousAllowed
@Route("subscription/confirm")
class SubscriptionConfirmView extends SubscriberPage {

    private Optional<Subscription> confirmed = Optional.empty();

    SubscriptionConfirmView(StatusService status, StatusProperties properties, SubscriptionService subscriptions) {
        super(status, properties, subscriptions);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        super.beforeEnter(event);
        try {
            confirmed = subscriptions.confirm(token);
        } catch (RuntimeException e) {
            confirmed = Optional.empty();
        }
    }

    @Override
    protected void content(Div main, StatusSnapshot s, StatusTexts texts) {
        main.add(new H2(texts.t("subscriptionTitle")));
        if (confirmed.isEmpty()) {
            main.add(new Paragraph(texts.t("subscriptionUnknown")));
            return;
        }
        Subscription sub = confirmed.get();
        Paragraph done = new Paragraph(texts.t("subscriptionConfirmed") + " " + texts.f("subscriptionTarget", sub.target()));
        done.setId("subscription-confirmed");
        main.add(done, new Paragraph(SubscriptionView.follows(sub.components(), s, texts)),
                new Paragraph(new Anchor("/subscription?token=" + sub.manageToken(), texts.t("subscriptionManage"))));
    }
}
