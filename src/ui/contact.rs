//! The current contacts: channel, customer, queue, state and time in state.

use engine::View;
use engine::softphone::ContactView;
use leptos::prelude::*;

use crate::i18n::{self, Key, t};

#[component]
pub fn Contacts(view: Signal<View>, now: Signal<f64>) -> impl IntoView {
    view! {
        <div class="contacts">
            <For
                each=move || view.with(|v| v.contacts.clone())
                key=|c| (c.contact.contact_id.clone(), c.contact.state.as_str().to_owned(), c.state_since_ms.to_bits())
                children=move |c| view! { <ContactCard contact=c now=now /> }
            />
        </div>
    }
}

#[component]
fn ContactCard(contact: ContactView, now: Signal<f64>) -> impl IntoView {
    let since = contact.state_since_ms;
    let c = contact.contact;
    let customer = c
        .customer_phone
        .clone()
        .or_else(|| c.customer_name.clone())
        .unwrap_or_else(|| t(Key::Unknown).to_owned());
    let queue = c.queue_name.clone().unwrap_or_else(|| "—".to_owned());
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
        </article>
    }
}
