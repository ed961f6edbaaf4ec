package io.redset.web.subscriptions;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.NativeButton;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.redset.engine.InvalidInputException;
import io.redset.web.status.StatusProperties;
import io.redset.web.status.StatusService;
import io.redset.web.status.snapshot.PageComponent;
import io.redset.web.status.snapshot.StatusSnapshot;
import io.redset.web.subscriptions.SubscriptionService.Subscription;
import io.redset.web.ui.StatusTexts;

import java.util.List;
import java.util.Optional;

/**
 * {@code /subscription?token=...}: the manage page every subscriber message links to. Shows where
 * updates go, lets the subscriber choose the components to follow, and unsubscribe. Opening it
 * changes nothing (mail scanners open links); only its buttons do.
 */
@AnonymousAllowed
@Route("subscription")
class SubscriptionView extends SubscriberPage {

    private boolean unsubscribed;

    SubscriptionView(StatusService status, StatusProperties properties, SubscriptionService subscriptions) {
        super(status, properties, subscriptions);
    }

    @Override
    protected void content(Div main, StatusSnapshot s, StatusTexts texts) {
        main.add(new H2(texts.t("subscriptionTitle")));
        Optional<Subscription> found = unsubscribed ? Optional.empty() : subscriptions.find(token);
        if (found.isEmpty()) {
            main.add(new Paragraph(texts.t(unsubscribed ? "subscriptionUnsubscribed" : "subscriptionUnknown")));
            return;
        }
        Subscription sub = found.get();
        main.add(new Paragraph(texts.f("subscriptionTarget", sub.target())));
        if (!sub.confirmed()) {
            main.add(new Paragraph(texts.t("subscriptionPending")));
        }
        Paragraph result = new Paragraph();
        result.setId("subscription-result");
        result.getElement().setAttribute("role", "status");
        result.setText(follows(sub.components(), s, texts));

        ComponentChoice choice = new ComponentChoice(s, texts, sub.components(), "follow-");
        NativeButton save = new NativeButton(texts.t("subscriptionSave"), e -> {
            List<String> chosen = choice.chosen();
            try {
                if (subscriptions.changeComponents(token, chosen)) {
                    result.setText(texts.t("subscriptionSaved") + " " + follows(chosen, status.snapshot(), texts));
                } else {
                    result.setText(texts.t("subscriptionUnknown"));
                }
            } catch (InvalidInputException ex) {
                // a component was removed since the page was drawn: draw it again
                rerender();
            } catch (RuntimeException ex) {
                result.setText(texts.t("subscribeFailed"));
            }
        });
        save.setId("subscription-save");
        NativeButton unsubscribe = new NativeButton(texts.t("subscriptionUnsubscribe"), e -> {
            try {
                subscriptions.unsubscribe(token);
                unsubscribed = true;
                rerender();
            } catch (RuntimeException ex) {
                result.setText(texts.t("subscribeFailed"));
            }
        });
        unsubscribe.setId("subscription-unsubscribe");
        unsubscribe.addClassName("danger");
        Div buttons = new Div(save, unsubscribe);
        buttons.addClassName("subscription-buttons");
        Div form = new Div();
        form.addClassName("subscription-form");
        form.getElement().appendChild(choice.element());
        form.add(buttons, result);
        main.add(form);
    }

    /** "You get updates for: API, Website." or "... all components ...". */
    static String follows(List<String> components, StatusSnapshot s, StatusTexts texts) {
        if (components.isEmpty()) {
            return texts.t("subscriptionFollowsAll");
        }
        return texts.f("subscriptionFollows", String.join(", ",
                components.stream().map(id -> s.component(id).map(PageComponent::name).orElse(id)).toList()));
    }
}
