package io.redset.web.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Input;
import com.vaadin.flow.component.html.NativeLabel;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.dom.Element;
import io.redset.web.status.PageComponent;
import io.redset.web.status.StatusSnapshot;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The components a subscriber follows, as a fieldset of native checkboxes (no web component bundle
 * on the public pages); none ticked means all components, including ones added later.
 */
final class ComponentChoice {

    private final Element fieldset = new Element("fieldset");
    private final List<Input> boxes = new ArrayList<>();

    /** @param idPrefix prefix of the checkboxes' ids ({@code follow-} + component id) */
    ComponentChoice(StatusSnapshot s, StatusTexts texts, Collection<String> ticked, String idPrefix) {
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

    Element element() {
        return fieldset;
    }

    /** The ticked component ids, in page order; empty: all. */
    List<String> chosen() {
        return boxes.stream().filter(b -> b.getElement().getProperty("checked", false))
                .map(b -> b.getElement().getAttribute("value")).toList();
    }

    void clear() {
        boxes.forEach(b -> b.getElement().setProperty("checked", false));
    }
}
