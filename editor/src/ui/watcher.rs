//! The session watcher page: what `watcher` is doing, in words, and its presence log.

use i18n::watcher::{self as text, WatchKey as K};
use leptos::prelude::*;

use crate::bindings::companion;
use crate::watcher::{self, Phase, Signals};

/// Mounts the watcher in `root` and asks the softphone that opened it where to start.
pub fn start(root: web_sys::HtmlElement) {
    let signals = Signals {
        phase: RwSignal::new(Phase::Starting),
        log: RwSignal::new(Vec::new()),
    };
    let ccp = NodeRef::<leptos::html::Div>::new();
    let handle = leptos::mount::mount_to(root, move || view! { <Page signals=signals ccp=ccp /> });
    // The page lives as long as the window.
    std::mem::forget(handle);
    let mut running: Option<watcher::Handle> = None;
    companion::request(move |answer| {
        let Ok(start) = answer else {
            return signals.phase.set(Phase::NoStart);
        };
        if let Some(handle) = &running {
            return watcher::update(handle, start);
        }
        match ccp.get_untracked() {
            Some(container) => running = watcher::run(start, container.into(), signals),
            None => signals.phase.set(Phase::NoStart),
        }
    });
}

#[component]
fn Page(signals: Signals, ccp: NodeRef<leptos::html::Div>) -> impl IntoView {
    let status = move || match signals.phase.get() {
        Phase::Starting => text::text(K::Starting).to_owned(),
        Phase::NoStart => text::text(K::NoStart).to_owned(),
        Phase::NotConfigured => text::text(K::NotConfigured).to_owned(),
        Phase::NoCcp(why) | Phase::Failed(why) => text::failed(&why),
        Phase::Watching => text::text(K::Watching).to_owned(),
        Phase::Counting { at_ms } => {
            let left = at_ms.saturating_sub(crate::bindings::page::now_ms());
            text::counting(left.div_ceil(1000))
        }
        Phase::Done(action) => text::done(&action),
    };
    view! {
        <main class="watcher" data-testid="session-watcher">
            <h1 class="slds-text-heading_medium">{text::text(K::Title)}</h1>
            <p class="watcher-intro">{text::text(K::Intro)}</p>
            <p class="watcher-status" role="status" data-testid="watcher-status">{status}</p>
            <details class="watcher-log">
                <summary>{text::text(K::Log)}</summary>
                <ol data-testid="watcher-log">
                    {move || signals.log.get().into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                </ol>
            </details>
            // The watcher's own CCP: medialess, kept out of sight.
            <div class="watcher-ccp" node_ref=ccp></div>
        </main>
    }
}
