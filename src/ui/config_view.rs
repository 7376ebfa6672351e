//! The admin view of the adapter configuration: what is in use, where it came from, and every
//! problem with its record and field.

use engine::config::Severity;
use engine::{ConfigStatus, View};
use leptos::prelude::*;

use crate::bindings::browser;
use crate::i18n::{self, Key, t};

#[component]
pub fn ConfigView(
    view: Signal<View>,
    on_close: Callback<()>,
    simulate: Callback<()>,
) -> impl IntoView {
    let summary = move || view.with(|v| v.config.summary.clone());
    let loaded = move || {
        view.with(|v| match &v.config.status {
            ConfigStatus::Loaded { origin, at_ms }
            | ConfigStatus::Failing {
                using: Some((origin, at_ms)),
                ..
            } => i18n::config_origin(*origin, &browser::time_of_day(*at_ms)),
            _ => "—".to_owned(),
        })
    };
    let ccp = move || {
        view.with(|v| {
            v.ccp_config
                .as_ref()
                .map_or_else(|| "—".to_owned(), |c| c.ccp_url.clone())
        })
    };
    let problems = move || view.with(|v| v.config.problems.clone());
    view! {
        <section class="config-view drawer" data-testid="config-view" aria-label=t(Key::Configuration)>
            <div class="drawer-actions slds-grid">
                <h2 class="slds-text-heading_small">{t(Key::Configuration)}</h2>
                <button class="slds-button slds-button_neutral drawer-close" on:click=move |_| on_close.run(())>{t(Key::CloseLog)}</button>
            </div>
            <div class="drawer-body">
                <dl class="config-summary">
                    <dt>{t(Key::ConfigAdapter)}</dt>
                    <dd data-testid="config-adapter">{move || summary().map(|s| format!("{} ({})", s.adapter_name, s.adapter_id)).unwrap_or_else(|| "—".into())}</dd>
                    <dt>{t(Key::ConfigCallCenter)}</dt>
                    <dd>{move || summary().map(|s| s.call_center).unwrap_or_else(|| "—".into())}</dd>
                    <dt>{t(Key::ConfigLoaded)}</dt>
                    <dd data-testid="config-loaded">{loaded}</dd>
                    <dt>{t(Key::ConfigRecords)}</dt>
                    <dd>{move || summary().map(|s| i18n::config_records(s.attributes, s.presence_rules, s.flows)).unwrap_or_else(|| "—".into())}</dd>
                    <dt>{t(Key::ConfigCcp)}</dt>
                    <dd class="config-ccp">{ccp}</dd>
                </dl>
                <button class="slds-button slds-button_neutral" data-testid="rule-simulator" on:click=move |_| simulate.run(())>{t(Key::RuleSimulator)}</button>
                <h3 class="slds-text-title_caps">{t(Key::ConfigProblems)}</h3>
                <Show when=move || view.with(|v| v.config.problems.is_empty())>
                    <p class="config-none">{t(Key::ConfigNoProblems)}</p>
                </Show>
                <ul class="config-problems">
                    // Keyed by position, a `For` would redraw the same rows: the list changes
                    // only with the configuration, so it is drawn whole (and smaller).
                    {move || problems().into_iter().map(|problem| {
                        let kind = match problem.severity {
                            Severity::Error => "config-error",
                            Severity::Warning => "config-warning",
                        };
                        view! {
                            <li class=format!("config-problem {kind}") data-testid="config-problem">
                                <code class="config-path">{problem.at.path()}</code>
                                " "
                                <span>{i18n::config_problem(&problem)}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </div>
        </section>
    }
}
