//! The softphone web app: bindings to Streams and Open CTI, the controller that drives the
//! engine, and the Leptos UI. See ARCHITECTURE.md for the map.

pub mod bindings;
pub mod controller;
pub mod i18n;
pub mod log;
pub mod ui;

/// Mounts the softphone into the page body.
pub fn run() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(ui::App);
}
