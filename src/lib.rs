//! The softphone web app: bindings to Streams and Open CTI, the controller that drives the
//! engine, and the Leptos UI. See ARCHITECTURE.md for the map.

pub mod bindings;
pub mod controller;
pub use i18n;
pub mod log;
pub mod ui;

/// Starts the softphone in the page's `#app` and `#ccp` elements (created when missing), as
/// soon as Streams has loaded.
pub fn run() {
    // A panic's message and place reach the console. (console_error_panic_hook also captures a
    // JS stack: 0.3 KB of the bundle for what the wasm trap right after it shows anyway.)
    std::panic::set_hook(Box::new(|info| {
        bindings::browser::console_error(&info.to_string())
    }));
    bindings::browser::mark("ctisoftphone:main");
    bindings::browser::when_page_ready(start);
}

fn start() {
    bindings::browser::mark("ctisoftphone:page-ready");
    let (Some(app_root), Some(ccp_container)) = (
        bindings::browser::element_by_id("app"),
        bindings::browser::element_by_id("ccp"),
    ) else {
        bindings::browser::console(engine::Level::Error, "the page has no #app or #ccp element");
        return;
    };
    ui::start(app_root, ccp_container);
}
