//! Leptos components. The root owns the signals; children get read-only views or callbacks.

mod banners;
mod config_view;
pub mod contact;
mod log_view;
mod status;

use engine::View;
use leptos::prelude::*;

use crate::controller::{self, Dispatcher, Signals};
use crate::log::LogBook;

/// How long the UI waits for the CCP's first agent snapshot before it mounts anyway (ms).
const MOUNT_DEFERRAL_MS: u32 = 300;

/// Starts the softphone: the CCP goes into `ccp_container` first, then the UI is mounted into
/// `app_root` once the CCP has delivered the agent (or after `MOUNT_DEFERRAL_MS`): rendering
/// while the CCP starts slows the CCP down on a busy machine (bench: ready), and the CCP
/// frame shows its own progress meanwhile.
pub fn start(app_root: web_sys::HtmlElement, ccp_container: web_sys::HtmlElement) {
    let signals = Signals {
        view: RwSignal::new(initial_view()),
        log: RwSignal::new(LogBook::default()),
    };
    let dispatcher = controller::start(signals, ccp_container);
    let deferred = dispatcher.clone();
    let dispatcher = StoredValue::new_local(dispatcher);
    let mount = move || {
        let handle = leptos::mount::mount_to(
            app_root,
            move || view! { <App signals=signals dispatcher=dispatcher /> },
        );
        crate::bindings::browser::mark("ctisoftphone:mounted");
        // The UI lives as long as the page.
        std::mem::forget(handle);
    };
    if deferred.ccp_started() {
        deferred.after_first_agent(MOUNT_DEFERRAL_MS, mount);
    } else {
        // Nothing is loading: the UI is what the agent waits for (settings, a sign-in, a banner).
        mount();
    }
}

/// The softphone's own UI above the CCP, sized for the utility-bar panel.
#[component]
fn App(signals: Signals, dispatcher: StoredValue<Dispatcher, LocalStorage>) -> impl IntoView {
    let Signals { view, log } = signals;
    let show_log = RwSignal::new(false);
    let show_config = RwSignal::new(false);
    let open_config = Callback::new(move |()| {
        show_log.set(false);
        show_config.update(|s| *s = !*s);
    });
    let popup_blocked = RwSignal::new(false);
    let now = RwSignal::new(crate::bindings::browser::now_ms());
    if let Ok(handle) = set_interval_with_handle(
        move || now.set(crate::bindings::browser::now_ms()),
        std::time::Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }
    let dismiss = Callback::new(move |id: u64| {
        dispatcher.with_value(|d| d.dispatch(engine::Event::DismissNotice(id)));
    });
    let choose_state = Callback::new(move |name: String| {
        dispatcher.with_value(|d| d.dispatch(engine::Event::ChooseAgentState(name)));
    });
    let contact_action = Callback::new(
        move |(action, contact_id): (contact::ContactAction, String)| {
            let event = match action {
                contact::ContactAction::Accept => engine::Event::AcceptContact(contact_id),
                contact::ContactAction::Close => engine::Event::ClearContact(contact_id),
            };
            dispatcher.with_value(|d| d.dispatch(event));
        },
    );
    let open_watcher = Callback::new(move |()| {
        dispatcher.with_value(|d| d.dispatch(engine::Event::OpenSessionWatcher));
    });
    let simulate = Callback::new(move |()| {
        if !dispatcher.with_value(Dispatcher::open_rule_simulator) {
            dispatcher.with_value(|d| d.dispatch(engine::Event::CompanionRefused));
        }
    });
    let sign_in = Callback::new(move |()| {
        if let Some(target) = dispatcher.with_value(Dispatcher::login_url) {
            let opened = crate::bindings::browser::open_popup(&target, "amazon-connect-login");
            popup_blocked.set(!opened);
        }
    });

    view! {
        <div class="softphone">
            <status::StatusLine
                view=view.into()
                on_log=Callback::new(move |()| { show_config.set(false); show_log.update(|s| *s = !*s) })
                on_config=open_config
                choose_state=choose_state
            />
            <banners::Banners view=view.into() popup_blocked=popup_blocked.into() sign_in=sign_in dismiss=dismiss show_config=open_config open_watcher=open_watcher />
            <contact::Contacts view=view.into() now=now.into() action=contact_action />
            <Show when=move || show_log.get()>
                <log_view::LogView log=log on_close=Callback::new(move |()| show_log.set(false)) />
            </Show>
            <Show when=move || show_config.get()>
                <config_view::ConfigView view=view.into() on_close=Callback::new(move |()| show_config.set(false)) simulate=simulate />
            </Show>
        </div>
    }
}

fn initial_view() -> View {
    engine::Softphone::new().view().clone()
}
