//! The CTI attributes editor page for admins: bindings to Visualforce remoting and the page, and the Leptos UI over the engine's editor model (`engine::editor`).

pub mod bindings;
pub mod ui;
pub mod watcher;

/// Mounts the editor in the page's `#app` element and loads the attributes; at `#simulator`,
/// the presence rule simulator the softphone's ⚙ view opens instead, and at
/// `#session-watcher` the session watcher the softphone opens for session end.
pub fn run() {
    console_error_panic_hook::set_once();
    match ctisoftphone::bindings::browser::element_by_id("app") {
        Some(root) if bindings::page::hash().as_deref() == Some("#simulator") => {
            ui::simulator::start(root)
        }
        Some(root) if bindings::page::hash().as_deref() == Some("#session-watcher") => {
            ui::watcher::start(root)
        }
        Some(root) => ui::start(root),
        None => bindings::page::console_warn("the page has no #app element"),
    }
}
