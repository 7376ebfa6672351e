//! The text of the session watcher page (agents; the editor bundle only).

use super::{Lang, lang};
use engine::presence::Action;

/// Fixed labels of the session watcher page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WatchKey {
    Title,
    Intro,
    Starting,
    NoStart,
    NotConfigured,
    Watching,
    Log,
}

pub fn text(key: WatchKey) -> &'static str {
    use WatchKey as K;
    match (lang(), key) {
        (Lang::En, K::Title) => "Session watcher",
        (Lang::En, K::Intro) => {
            "This window sets your Amazon Connect status when you close every Salesforce tab, as your administrator configured (Set Agent Status on Session End). Leave it open while you work."
        }
        (Lang::En, K::Starting) => "Connecting to the softphone…",
        (Lang::En, K::NoStart) => {
            "This window works only when the softphone opens it. You can close it."
        }
        (Lang::En, K::NotConfigured) => {
            "Set Agent Status on Session End is not configured for this call center. You can close this window."
        }
        (Lang::En, K::Watching) => "Salesforce is open: watching.",
        (Lang::En, K::Log) => "Details",
    }
}

/// The countdown after the last Salesforce tab closed.
pub fn counting(seconds: u64) -> String {
    match lang() {
        Lang::En => format!(
            "Every Salesforce tab is closed: your Connect status is set in {seconds} s, unless you open Salesforce again."
        ),
    }
}

/// What the session end did.
pub fn done(action: &Action) -> String {
    match (lang(), action) {
        (Lang::En, Action::SetConnectState { state }) => {
            format!("Session ended: your Connect status is now {state}. This window closes itself.")
        }
        (Lang::En, Action::ConnectLogout) => {
            "Session ended: you are signed out of Amazon Connect. This window closes itself.".into()
        }
        (Lang::En, _) => "Session ended. This window closes itself.".into(),
    }
}

/// Streams or the CCP could not be reached, or an action failed.
pub fn failed(why: &str) -> String {
    match lang() {
        Lang::En => format!("Session end cannot work: {why}"),
    }
}
