//! The current contacts: channel, customer, queue, state and time in state.

use engine::View;
use engine::softphone::ContactView;
use leptos::prelude::*;

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
                key=|c| (c.contact.contact_id.clone(), c.contact.state.as_str().to_owned(), c.state_since_ms.to_bits())
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
            <div class="contact-actions">{buttons}</div>
        </article>
    }
}
