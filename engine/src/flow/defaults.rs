//! The flows the softphone runs when the configuration binds none: shipped as flow JSON.

use super::{Flow, load_text};
use std::rc::Rc;

/// A built-in flow; `text` gives its JSON body, which admins may download and adapt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DefaultFlow {
    /// Inbound and transferred calls: search on the caller's number (E.164 when it reads as one).
    VoiceScreenPop,
    /// Queue callbacks: search on the customer's number.
    CallbackScreenPop,
    /// Chat, task and email: pop the record an attribute names, else search the best identifier.
    DigitalScreenPop,
    /// Dial the number clicked in Salesforce.
    ClickToDial,
}

impl DefaultFlow {
    pub const ALL: [DefaultFlow; 4] = [
        DefaultFlow::VoiceScreenPop,
        DefaultFlow::CallbackScreenPop,
        DefaultFlow::DigitalScreenPop,
        DefaultFlow::ClickToDial,
    ];

    /// The flow body as shipped.
    pub fn text(self) -> &'static str {
        match self {
            DefaultFlow::VoiceScreenPop => include_str!("defaults/voice-screenpop.json"),
            DefaultFlow::CallbackScreenPop => include_str!("defaults/callback-screenpop.json"),
            DefaultFlow::DigitalScreenPop => include_str!("defaults/digital-screenpop.json"),
            DefaultFlow::ClickToDial => include_str!("defaults/click-to-dial.json"),
        }
    }

    /// The loaded flow, loaded once per thread. A shipped flow that does not load is a bug of
    /// this crate, caught by `engine/tests/flow_defaults.rs`; here it yields `None`, never a panic.
    pub fn flow(self) -> Option<Rc<Flow>> {
        thread_local! {
            static LOADED: [std::cell::OnceCell<Option<Rc<Flow>>>; 4] = Default::default();
        }
        let index = self as usize;
        LOADED.with(|loaded| {
            loaded[index]
                .get_or_init(|| load_text(self.text()).0.map(Rc::new))
                .clone()
        })
    }
}
