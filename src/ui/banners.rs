//! Banners for conditions that stop the softphone working, and dismissible notices.

use engine::{CcpStatus, Severity, View};
use leptos::prelude::*;

use crate::i18n::{self, Key, t};

#[component]
pub fn Banners(
    view: Signal<View>,
    popup_blocked: Signal<bool>,
    sign_in: Callback<()>,
    dismiss: Callback<u64>,
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
                        <div class=format!("notice slds-notify slds-notify_alert slds-theme_{kind}") role="alert" data-testid="notice">
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
        <div class=format!("banner slds-notify slds-notify_alert slds-theme_{kind}") role="alert" data-testid=testid>
            <span>{children()}</span>
        </div>
    }
}
