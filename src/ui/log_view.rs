//! The log drawer: recent lines, newest first, with download and clear.

use leptos::prelude::*;

use crate::bindings::browser;
use crate::i18n::{Key, t};
use crate::log::LogBook;

/// Lines rendered at once; the download has everything.
const SHOWN: usize = 300;

#[component]
pub fn LogView(log: RwSignal<LogBook>, on_close: Callback<()>) -> impl IntoView {
    let download = move |_| {
        let text = log.with_untracked(LogBook::to_text);
        let name = format!("softphone-log-{}.txt", browser::iso_now().replace(':', "-"));
        if let Err(error) = browser::download_text(&name, &text) {
            log.update(|book| {
                book.push(
                    engine::Level::Error,
                    format!("log download failed: {error}"),
                )
            });
        }
    };
    let lines =
        move || log.with(|book| book.lines().rev().take(SHOWN).cloned().collect::<Vec<_>>());
    view! {
        <section class="log-view" data-testid="log-view">
            <div class="log-actions slds-grid">
                <button class="slds-button slds-button_brand" data-testid="log-download" on:click=download>{t(Key::DownloadLog)}</button>
                <button class="slds-button slds-button_neutral" on:click=move |_| log.update(LogBook::clear)>{t(Key::ClearLog)}</button>
                <button class="slds-button slds-button_neutral log-close" on:click=move |_| on_close.run(())>{t(Key::CloseLog)}</button>
            </div>
            <Show when=move || log.with(|b| b.lines().next().is_none())>
                <p class="log-empty">{t(Key::LogEmpty)}</p>
            </Show>
            <ol class="log-lines">
                // Drawn as a list patched in place rather than a keyed `For`: the drawer is for
                // reading and downloading, and this saves the agent's bundle ~1.2 KB.
                {move || lines().into_iter().map(|line| view! {
                    <li class=format!("log-line log-{}", line.level.as_str().to_lowercase())>
                        <time>{line.time()}</time> " " <b>{line.level.as_str()}</b> " " {line.message}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}
