package io.redset.web.subscriptions;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Input;
import com.vaadin.flow.component.html.NativeLabel;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.dom.Element;
import io.redset.web.status.snapshot.PageComponent;
import io.redset.web.status.snapshot.StatusSnapshot;
import io.redset.web.ui.StatusTexts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The components a subscriber follows, as a fieldset of native checkboxes (no web component bundle
 * on the public pages); none ticked means all components, including ones added later.
 */
public final class ComponentChoice {

    private final Element fieldset = new Element("fieldset");
    private final List<Input> boxes = new ArrayList<>();

    /** @param idPrefix prefix of the checkboxes' ids ({@code follow-} + component id) */
    public ComponentChoice(StatusSnapshot s, StatusTexts texts, Collection<String> ticked, String idPrefix) {
        fieldset.getClassList().add("subscription-components");
        fieldset.appendChild(new Element("legend").setText(texts.t("subscriptionComponents")));
        Paragraph hint = new Paragraph(texts.t("subscriptionComponentsHint"));
        hint.addClassName("quiet");
        fieldset.appendChild(hint.getElement());
        for (PageComponent c : s.components()) {
            Input box = new Input();
            box.setType("checkbox");
            box.setId(idPrefix + c.id());
            box.getElement().setAttribute("value", c.id());
            box.getElement().setProperty("checked", ticked.contains(c.id()));
            box.getElement().addPropertyChangeListener("checked", "change", e -> { });
            NativeLabel label = new NativeLabel(c.name());
            label.setFor(box);
            Div row = new Div(box, label);
            row.addClassName("subscription-component");
            fieldset.appendChild(row.getElement());
            boxes.add(box);
        }
    }

    public Element element() {
        return fieldset;
    }

    /** The ticked component ids, in page order; empty: all. */
    public List<String> chosen() {
        return boxes.stream().filter(b -> b.getElement().getProperty("checked", false))
                .map(b -> b.getElement().getAttribute("value")).toList();
    }

    public void clear() {
        boxes.forEach(b -> b.getElement().setProperty("checked", false));
    }
}
