package io.redset.web.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Input;
import com.vaadin.flow.component.html.NativeButton;
import com.vaadin.flow.component.html.NativeLabel;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.router.Route;
import io.redset.engine.InvalidInputException;
import io.redset.web.status.PageComponent;
import io.redset.web.status.StatusProperties;
import io.redset.web.status.StatusService;
import io.redset.web.status.StatusSnapshot;
import io.redset.web.status.SubscriptionService;
import io.redset.web.status.SubscriptionService.Subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /subscription?token=...}: the manage page every subscriber message links to. Shows where
 * updates go, lets the subscriber choose the components to follow, and unsubscribe. Opening it
 * changes nothing (mail scanners open links); only its buttons do.
 */
@Route("subscription")
class SubscriptionView extends SubscriberPage {

    private boolean unsubscribed;

    SubscriptionView(StatusService status, StatusProperties properties, SubscriptionService subscriptions) {
        super(status, properties, subscriptions);
    }

    @Override
    void content(Div main, StatusSnapshot s, StatusTexts texts) {
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

        // native checkboxes: no web component bundle on the public pages
        Element fieldset = new Element("fieldset");
        fieldset.getClassList().add("subscription-components");
        fieldset.appendChild(new Element("legend").setText(texts.t("subscriptionComponents")));
        Paragraph hint = new Paragraph(texts.t("subscriptionComponentsHint"));
        hint.addClassName("quiet");
        fieldset.appendChild(hint.getElement());
        List<Input> boxes = new ArrayList<>();
        for (PageComponent c : s.components()) {
            Input box = new Input();
            box.setType("checkbox");
            box.setId("follow-" + c.id());
            box.getElement().setAttribute("value", c.id());
            box.getElement().setProperty("checked", sub.components().contains(c.id()));
            box.getElement().addPropertyChangeListener("checked", "change", e -> { });
            NativeLabel label = new NativeLabel(c.name());
            label.setFor(box);
            Div row = new Div(box, label);
            row.addClassName("subscription-component");
            fieldset.appendChild(row.getElement());
            boxes.add(box);
        }
        NativeButton save = new NativeButton(texts.t("subscriptionSave"), e -> {
            List<String> chosen = boxes.stream().filter(b -> b.getElement().getProperty("checked", false))
                    .map(b -> b.getElement().getAttribute("value")).toList();
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
        form.getElement().appendChild(fieldset);
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
