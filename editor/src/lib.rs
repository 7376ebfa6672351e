//! The CTI attributes editor page for admins: bindings to Visualforce remoting and the page, and the Leptos UI over the engine's editor model (`engine::editor`).

pub mod bindings;
pub mod ui;

/// Mounts the editor in the page's `#app` element and loads the attributes.
pub fn run() {
    console_error_panic_hook::set_once();
    match ctisoftphone::bindings::browser::element_by_id("app") {
        Some(root) => ui::start(root),
        None => bindings::page::console_warn("the page has no #app element"),
    }
}
