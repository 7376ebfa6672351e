//! The editor's only code that touches JavaScript: Visualforce remoting and the page itself. (The overlay preview draws through the softphone's own bindings.)

pub mod companion;
pub mod page;
pub mod remoting;
