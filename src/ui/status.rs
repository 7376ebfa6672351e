//! The top line: connection status, agent state, click-to-dial, and the log button.

use engine::{CcpStatus, View};
use leptos::prelude::*;

use crate::i18n::{self, Key, t};

#[component]
pub fn StatusLine(
    view: Signal<View>,
    on_log: Callback<()>,
    on_config: Callback<()>,
    choose_state: Callback<String>,
) -> impl IntoView {
    let ccp = move || view.with(|v| v.ccp);
    // With the status picker shown, the picker carries the agent state.
    let text = move || {
        view.with(|v| match (&v.ccp, &v.agent) {
            (CcpStatus::SignedIn, Some(agent)) if agent.states.is_empty() => {
                format!("{} · {}", i18n::ccp_status(v.ccp), agent.state_name)
            }
            _ => i18n::ccp_status(v.ccp).to_owned(),
        })
    };
    let dot = move || match ccp() {
        CcpStatus::SignedIn => "dot dot-ok",
        CcpStatus::Connecting | CcpStatus::LoadingSettings | CcpStatus::Reconnecting => {
            "dot dot-wait"
        }
        CcpStatus::Unreachable | CcpStatus::NotConfigured => "dot dot-bad",
    };
    let c2d_on = move || view.with(|v| v.click_to_dial);
    let c2d = move || {
        if c2d_on() {
            t(Key::ClickToDialOnShort)
        } else {
            t(Key::ClickToDialOffShort)
        }
    };
    let c2d_title = move || {
        if c2d_on() {
            t(Key::ClickToDialOn)
        } else {
            t(Key::ClickToDialOff)
        }
    };
    view! {
        <header class="status slds-grid slds-grid_vertical-align-center">
            <span class=dot aria-hidden="true"></span>
            <span class="status-text slds-truncate" data-testid="status" title=text>{text}</span>
            <Show when=move || view.with(|v| v.ccp == CcpStatus::SignedIn && v.agent.as_ref().is_some_and(|a| !a.states.is_empty()))>
                <select
                    class="slds-select agent-state"
                    data-testid="agent-state"
                    aria-label=t(Key::AgentStatus)
                    title=t(Key::AgentStatus)
                    prop:value=move || view.with(|v| v.agent.as_ref().map(|a| a.state_name.clone()).unwrap_or_default())
                    on:change=move |event| choose_state.run(event_target_value(&event))
                >
                    {move || {
                        view.with(|v| {
                            let agent = v.agent.as_ref();
                            let current = agent.map(|a| a.state_name.clone()).unwrap_or_default();
                            let mut names: Vec<String> = agent.map(|a| a.states.iter().map(|(n, _)| n.clone()).collect()).unwrap_or_default();
                            // A system state (Busy, AfterCallWork…) is shown but cannot be chosen.
                            if !names.contains(&current) {
                                names.insert(0, current.clone());
                            }
                            names
                                .into_iter()
                                .map(|name| {
                                    let selected = name == current;
                                    view! { <option value=name.clone() selected=selected>{name.clone()}</option> }
                                })
                                .collect_view()
                        })
                    }}
                </select>
            </Show>
            <span class="slds-badge c2d" data-testid="click-to-dial" title=c2d_title aria-label=c2d_title>{c2d}</span>
            <button
                class="slds-button slds-button_neutral config-button"
                data-testid="config-button"
                title=t(Key::Configuration)
                aria-label=t(Key::Configuration)
                on:click=move |_| on_config.run(())
            >
                "⚙"
            </button>
            <button class="slds-button slds-button_neutral log-button" data-testid="log-button" on:click=move |_| on_log.run(())>
                {t(Key::Log)}
            </button>
        </header>
    }
}
