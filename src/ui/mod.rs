//! Leptos components. The root owns the signals; children get read-only views or callbacks.

mod banners;
mod contact;
mod log_view;
mod status;

use engine::{CcpStatus, View};
use leptos::prelude::*;

use crate::controller::{self, Dispatcher, Signals};
use crate::i18n::{Key, t};
use crate::log::LogBook;

/// The whole softphone, sized for the utility-bar panel.
#[component]
pub fn App() -> impl IntoView {
    let view = RwSignal::new(initial_view());
    let log = RwSignal::new(LogBook::default());
    let signals = Signals { view, log };
    let show_log = RwSignal::new(false);
    let popup_blocked = RwSignal::new(false);
    let now = RwSignal::new(crate::bindings::browser::now_ms());
    if let Ok(handle) = set_interval_with_handle(
        move || now.set(crate::bindings::browser::now_ms()),
        std::time::Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }

    let ccp_ref = NodeRef::<leptos::html::Div>::new();
    let dispatcher: StoredValue<Option<Dispatcher>, LocalStorage> = StoredValue::new_local(None);
    Effect::new(move |_| {
        if dispatcher.with_value(Option::is_some) {
            return;
        }
        if let Some(container) = ccp_ref.get() {
            let started = controller::start(signals, container.into());
            dispatcher.set_value(Some(started));
        }
    });
    let dismiss = Callback::new(move |id: u64| {
        dispatcher.with_value(|d| {
            if let Some(d) = d {
                d.dispatch(engine::Event::DismissNotice(id));
            }
        })
    });
    let sign_in = Callback::new(move |()| {
        let target = dispatcher.with_value(|d| d.as_ref().and_then(Dispatcher::login_url));
        if let Some(target) = target {
            let opened = crate::bindings::browser::open_popup(&target, "amazon-connect-login");
            popup_blocked.set(!opened);
        }
    });

    let status = Signal::derive(move || view.with(|v| v.ccp));
    view! {
        <div class="softphone">
            <status::StatusLine view=view.into() on_log=Callback::new(move |()| show_log.update(|s| *s = !*s)) />
            <banners::Banners view=view.into() popup_blocked=popup_blocked.into() sign_in=sign_in dismiss=dismiss />
            <contact::Contacts view=view.into() now=now.into() />
            <div
                class="ccp-container"
                class:ccp-waiting=move || !matches!(status.get(), CcpStatus::SignedIn)
                node_ref=ccp_ref
                aria-label=t(Key::AppTitle)
            ></div>
            <Show when=move || show_log.get()>
                <log_view::LogView log=log on_close=Callback::new(move |()| show_log.set(false)) />
            </Show>
        </div>
    }
}

fn initial_view() -> View {
    engine::Softphone::new().view().clone()
}
