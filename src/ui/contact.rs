//! The current contacts: channel, customer, queue, state and time in state, and each one's CTI
//! attributes as the engine laid them out.

use engine::View;
use engine::overlay::{Item, ItemKind, Overlay, Shown};
use engine::softphone::ContactView;
use leptos::prelude::*;

use crate::bindings::browser;
use crate::i18n::{self, Key, t};

/// What the agent can do to a contact from its card.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContactAction {
    Accept,
    Close,
}

#[component]
pub fn Contacts(
    view: Signal<View>,
    now: Signal<f64>,
    action: Callback<(ContactAction, String)>,
) -> impl IntoView {
    view! {
        <div class="contacts">
            <For
                each=move || view.with(|v| v.contacts.clone())
                key=|c| (
                    c.contact.contact_id.clone(),
                    c.contact.state.as_str().to_owned(),
                    c.state_since_ms.to_bits(),
                    c.overlay_revision,
                )
                children=move |c| view! { <ContactCard contact=c now=now action=action /> }
            />
        </div>
    }
}

#[component]
fn ContactCard(
    contact: ContactView,
    now: Signal<f64>,
    action: Callback<(ContactAction, String)>,
) -> impl IntoView {
    let since = contact.state_since_ms;
    let overlay = contact.overlay;
    let c = contact.contact;
    let customer = c
        .customer_phone
        .clone()
        .or_else(|| c.customer_name.clone())
        .unwrap_or_else(|| t(Key::Unknown).to_owned());
    let queue = c.queue_name.clone().unwrap_or_else(|| "—".to_owned());
    let ringing = matches!(
        c.state,
        engine::ContactState::Incoming | engine::ContactState::Connecting
    ) && !c.is_outbound();
    let finished = !c.state.is_active();
    let id = c.contact_id.clone();
    let buttons = move || {
        let accept_id = id.clone();
        let close_id = id.clone();
        view! {
            <Show when=move || ringing>
                {
                    let accept_id = accept_id.clone();
                    view! {
                        <button class="slds-button slds-button_brand" data-testid="contact-accept" on:click=move |_| action.run((ContactAction::Accept, accept_id.clone()))>
                            {t(Key::Accept)}
                        </button>
                    }
                }
            </Show>
            <Show when=move || finished>
                {
                    let close_id = close_id.clone();
                    view! {
                        <button class="slds-button slds-button_neutral" data-testid="contact-close" on:click=move |_| action.run((ContactAction::Close, close_id.clone()))>
                            {t(Key::CloseContact)}
                        </button>
                    }
                }
            </Show>
        }
    };
    let active = if c.state.is_active() {
        "contact-card active"
    } else {
        "contact-card"
    };
    view! {
        <article class=active data-testid="contact" data-contact-id=c.contact_id.clone()>
            <dl>
                <dt>{t(Key::Channel)}</dt>
                <dd data-testid="contact-channel">{i18n::channel(&c.channel)}</dd>
                <dt>{t(Key::Customer)}</dt>
                <dd data-testid="contact-customer">{customer}</dd>
                <dt>{t(Key::Queue)}</dt>
                <dd>{queue}</dd>
                <dt>{t(Key::State)}</dt>
                <dd data-testid="contact-state">
                    {i18n::contact_state(&c.state)} " · " {move || i18n::duration(now.get() - since)}
                </dd>
            </dl>
            <AttributesOverlay overlay=overlay />
            <div class="contact-actions">{buttons}</div>
        </article>
    }
}

/// The contact's CTI attributes: one line each, text nodes only, links the engine checked,
/// styles the engine allowed (set property by property), and a copy button per value.
#[component]
pub fn AttributesOverlay(overlay: Overlay) -> impl IntoView {
    if overlay.items.is_empty() {
        return ().into_any();
    }
    view! {
        <section class="cti-attributes" aria-label=t(Key::ContactAttributes) data-testid="cti-attributes">
            <ul class="cti-attribute-list">
                {overlay.items.into_iter().map(|item| view! { <AttributeLine item=item /> }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

#[component]
fn AttributeLine(item: Item) -> impl IntoView {
    let styled = NodeRef::<leptos::html::Li>::new();
    let style = item.style.clone();
    Effect::new(move |_| {
        if let Some(element) = styled.get() {
            browser::apply_style(&element, &style);
        }
    });
    let section = matches!(item.kind, ItemKind::Section);
    let label = item.label.clone().filter(|_| item.display != Shown::Value);
    let value = match &item.kind {
        ItemKind::Section => ().into_any(),
        ItemKind::Link { href } => {
            // Web links open beside Salesforce; tel: and mailto: go to their handlers.
            let web = href.starts_with("http");
            view! {
                <a class="cti-value" href=href.clone() target=web.then_some("_blank") rel="noopener noreferrer" data-testid="cti-link">
                    {item.text.clone()}
                </a>
            }
            .into_any()
        }
        ItemKind::Text => view! { <span class="cti-value">{item.text.clone()}</span> }.into_any(),
    };
    let copy = (!section && !item.text.is_empty()).then(|| {
        let text = item.text.clone();
        let what = label.clone().unwrap_or_else(|| item.text.clone());
        view! { <CopyButton text=text what=what /> }
    });
    let class = if section {
        "cti-attribute cti-section"
    } else {
        "cti-attribute"
    };
    view! {
        <li class=class node_ref=styled data-testid="cti-attribute" data-attribute=item.attribute.clone()>
            {label.map(|label| view! { <span class="cti-label">{label}</span> })}
            {value}
            {copy}
        </li>
    }
}

#[component]
fn CopyButton(text: String, what: String) -> impl IntoView {
    let copied = RwSignal::new(false);
    let label = format!("{} {what}", t(Key::Copy));
    view! {
        <button
            type="button"
            class="slds-button slds-button_neutral cti-copy"
            aria-label=label.clone()
            title=label
            data-testid="cti-copy"
            on:click=move |_| {
                browser::copy_text(&text, move |ok| copied.set(ok));
            }
        >
            {move || if copied.get() { t(Key::Copied) } else { t(Key::Copy) }}
        </button>
    }
}
