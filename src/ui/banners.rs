//! Banners for conditions that stop the softphone working, and dismissible notices.

use engine::config::Severity as ProblemSeverity;
use engine::{CcpStatus, ConfigStatus, Severity, View};
use leptos::prelude::*;

use crate::i18n::{self, Key, t};

#[component]
pub fn Banners(
    view: Signal<View>,
    popup_blocked: Signal<bool>,
    sign_in: Callback<()>,
    dismiss: Callback<u64>,
    show_config: Callback<()>,
    open_watcher: Callback<()>,
) -> impl IntoView {
    let ccp = move || view.with(|v| v.ccp);
    let opencti_missing = move || view.with(|v| !v.opencti_available);
    let sign_in_button = move || {
        view! {
            <button class="slds-button slds-button_brand" data-testid="sign-in" on:click=move |_| sign_in.run(())>
                {t(Key::SignIn)}
            </button>
        }
    };
    view! {
        <div class="banners" role="status">
            <Show when=opencti_missing>
                <Banner kind="error" testid="banner-opencti">{t(Key::BannerOpenCtiUnavailable)}</Banner>
            </Show>
            <Show when=move || ccp() == CcpStatus::NotConfigured && !opencti_missing()>
                <Banner kind="error" testid="banner-not-configured">{t(Key::BannerNotConfigured)}</Banner>
            </Show>
            <Show when=move || ccp() == CcpStatus::Unreachable>
                <Banner kind="error" testid="banner-unreachable">
                    {t(Key::BannerCcpUnreachable)} " " {sign_in_button} " "
                    <button class="slds-button slds-button_neutral" on:click=move |_| crate::bindings::browser::reload()>
                        {t(Key::Retry)}
                    </button>
                </Banner>
            </Show>
            <Show when=move || ccp() == CcpStatus::Reconnecting>
                <Banner kind="warning" testid="banner-reconnecting">{t(Key::BannerCcpReconnecting)}</Banner>
            </Show>
            <Show when=move || ccp() == CcpStatus::Connecting>
                <div class="hint" data-testid="sign-in-hint">{t(Key::BannerSignInHint)} " " {sign_in_button}</div>
            </Show>
            {move || config_banner(view, show_config)}
            <Show when=move || view.with(|v| v.offer_session_watcher)>
                <div class="hint" data-testid="session-watcher-hint">
                    {t(Key::SessionWatcherHint)} " "
                    <button class="slds-button slds-button_brand" data-testid="open-session-watcher" on:click=move |_| open_watcher.run(())>{t(Key::OpenSessionWatcher)}</button>
                </div>
            </Show>
            <Show when=move || view.with(|v| v.ccp_config.as_ref().is_some_and(|c| c.medialess))>
                <div class="hint" data-testid="medialess-hint">{t(Key::Medialess)}</div>
            </Show>
            {move || popout_link(view)}
            <Show when=move || popup_blocked.get()>
                <Banner kind="warning" testid="banner-popup-blocked">{t(Key::BannerPopupBlocked)}</Banner>
            </Show>
            <For
                each=move || view.with(|v| v.notices.clone())
                key=|notice| notice.id
                children=move |notice| {
                    let kind = match notice.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                        Severity::Info => "info",
                    };
                    let id = notice.id;
                    view! {
                        <div class=format!("notice slds-notify slds-notify_alert {}", theme(kind)) role="alert" data-testid="notice">
                            <span class="notice-text">{i18n::notice(&notice.kind)}</span>
                            <button class="slds-button notice-close" title=t(Key::Dismiss) on:click=move |_| dismiss.run(id)>
                                "×"
                            </button>
                        </div>
                    }
                }
            />
        </div>
    }
}

#[component]
fn Banner(kind: &'static str, testid: &'static str, children: Children) -> impl IntoView {
    view! {
        <div class=format!("banner slds-notify slds-notify_alert {}", theme(kind)) role="alert" data-testid=testid>
            <span>{children()}</span>
        </div>
    }
}

/// The configuration banner: Salesforce failing to deliver it, or errors in the one in use.
fn config_banner(view: Signal<View>, show_config: Callback<()>) -> Option<impl IntoView> {
    let (kind, text) = view.with(|v| match &v.config.status {
        ConfigStatus::Failing {
            failure,
            using,
            attempts,
            retry_in_ms,
        } => {
            let using =
                using.map(|(origin, at)| (origin, crate::bindings::browser::time_of_day(at)));
            let kind = if using.is_some() { "warning" } else { "error" };
            Some((
                kind,
                i18n::config_failing(failure, using, *attempts, *retry_in_ms),
            ))
        }
        ConfigStatus::Loaded { .. } => {
            let errors = v
                .config
                .problems
                .iter()
                .filter(|p| p.severity == ProblemSeverity::Error)
                .count();
            (errors > 0).then(|| ("warning", i18n::config_degraded(errors)))
        }
        ConfigStatus::Waiting => None,
    })?;
    Some(view! {
        <div class=format!("banner slds-notify slds-notify_alert {}", theme(kind)) role="alert" data-testid="banner-config">
            <span>
                {text} " "
                <button class="slds-button slds-button_neutral" data-testid="show-config" on:click=move |_| show_config.run(())>
                    {t(Key::ConfigShowProblems)}
                </button>
            </span>
        </div>
    })
}

/// The adapter's popout link: the CCP in its own window (an address already checked to be https
/// or local http).
fn popout_link(view: Signal<View>) -> Option<impl IntoView> {
    let url = view.with(|v| {
        let enabled = v.config.summary.as_ref().is_some_and(|s| s.popout_enabled);
        v.ccp_config
            .as_ref()
            .filter(|_| enabled)
            .map(|c| c.ccp_url.clone())
            .filter(|url| url.starts_with("https://") || url.starts_with("http://"))
    })?;
    Some(view! {
        <a class="hint popout" data-testid="popout" href=url target="_blank" rel="noopener noreferrer">
            {t(Key::Popout)}
        </a>
    })
}

/// The SLDS theme class of a banner kind, spelled out so the stylesheet subset keeps it.
fn theme(kind: &str) -> &'static str {
    match kind {
        "error" => "slds-theme_error",
        "warning" => "slds-theme_warning",
        _ => "slds-theme_info",
    }
}
