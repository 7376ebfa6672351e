//! The table of block kinds: each is data (type id, controls, ports) plus one small function.

mod contact;
mod core;
mod salesforce;

pub(crate) use salesforce::query_string;

use super::data::Data;
use super::host::{Answer, HostCall};
use super::path::{self, Path, Root};
use super::run::{Options, Properties, Record};
use super::{Block, Control, Port};
use std::borrow::Cow;

/// One kind of block.
pub struct Kind {
    pub type_id: &'static str,
    pub controls: &'static [(&'static str, ControlType)],
    /// The ports the kind can leave by; `failure` where the block can fail.
    pub ports: &'static [&'static str],
    pub exec: fn(&mut Ctx) -> Outcome,
}

/// The JSON a control accepts. Any control may instead hold a `$.` path, read at run time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ControlType {
    /// A string or a number (`null` for empty).
    Text,
    Bool,
    /// An object whose members are controls (`fieldValues`, `attributes`).
    Object,
    Any,
}

/// What a block did.
pub enum Outcome {
    /// Leave by `port` with these results.
    Next { port: Port, results: Data },
    /// Leave by `done` with the results `{"value": …}` (kept as the value: no object per step).
    Value(Data),
    /// The block failed: its `failure` port, or the end of the run.
    Fail { exception: Data },
    /// Wait for the host; `then` turns its answer into the outcome.
    Call {
        call: HostCall,
        then: fn(Answer) -> Outcome,
    },
    /// `SE_End`.
    End,
}

impl Outcome {
    fn done(results: Data) -> Outcome {
        Outcome::Next {
            port: Port::Done,
            results,
        }
    }

    fn branch(yes: bool) -> Outcome {
        Outcome::Next {
            port: if yes { Port::True } else { Port::False },
            results: Data::Bool(yes),
        }
    }

    fn fail(reason: &str) -> Outcome {
        Outcome::Fail {
            exception: Data::text(reason),
        }
    }
}

/// What a block's function sees: its controls, the run's data and the flow's properties.
pub struct Ctx<'r> {
    pub block: &'r Block,
    /// `{"payload": …, "contact": …}`.
    pub root: &'r Data,
    /// Each block's record, by block index; `None` before it ran (its paths read `Null`).
    /// Empty when no path of the flow reads a record.
    pub records: &'r [Option<Record>],
    pub properties: &'r mut Properties,
    pub options: &'r Options,
}

impl<'r> Ctx<'r> {
    /// A control's value; `Null` when absent.
    pub fn value(&self, name: &str) -> Data {
        self.block
            .control(name)
            .map_or(Data::Null, |control| self.eval(control))
    }

    /// A control as text; `None` when absent, `null`, an object or an array.
    pub fn text(&self, name: &str) -> Option<String> {
        self.block
            .control(name)
            .and_then(|control| self.read(control).as_text())
    }

    /// A control as text; empty when absent.
    pub fn text_or_empty(&self, name: &str) -> String {
        self.text(name).unwrap_or_default()
    }

    /// A control as text, borrowed from the flow or the run's data when it is text there;
    /// empty when absent.
    pub fn str_or_empty(&self, name: &str) -> Cow<'r, str> {
        match self.block.control(name).map(|control| self.read(control)) {
            Some(Cow::Borrowed(Data::String(text) | Data::Number(text))) => Cow::Borrowed(text),
            Some(value) => Cow::Owned(value.as_text().unwrap_or_default()),
            None => Cow::Borrowed(""),
        }
    }

    /// A control as text that is present and not blank.
    pub fn non_empty_text(&self, name: &str) -> Option<String> {
        self.text(name).filter(|text| !text.trim().is_empty())
    }

    /// A boolean control (JavaScript truthiness for a path); `default` when absent or `null`.
    pub fn flag(&self, name: &str, default: bool) -> bool {
        let Some(control) = self.block.control(name) else {
            return default;
        };
        match &*self.read(control) {
            Data::Null => default,
            value => value.truthy(),
        }
    }

    pub fn contact(&self) -> &Data {
        self.root.get("contact")
    }

    pub fn eval(&self, control: &'r Control) -> Data {
        self.read(control).into_owned()
    }

    /// A control's value, borrowed from the flow or the run's data where it can be, so that a
    /// block reading text or a flag copies nothing it does not keep.
    fn read(&self, control: &'r Control) -> Cow<'r, Data> {
        match control {
            Control::Literal(value) => Cow::Borrowed(value),
            Control::Path(p) => self.follow(p),
            Control::Object(members) => Cow::Owned(Data::object(
                members
                    .iter()
                    .map(|(key, control)| (key.clone(), self.eval(control))),
            )),
            Control::Array(items) => {
                Cow::Owned(Data::Array(items.iter().map(|c| self.eval(c)).collect()))
            }
        }
    }

    /// Where a path leads: into the run's input, or into a block's record.
    fn follow(&self, p: &'r Path) -> Cow<'r, Data> {
        let base = match &p.root {
            Root::Payload => self.root.get("payload"),
            Root::Contact => self.root.get("contact"),
            Root::Action { block, .. } => {
                return match block.and_then(|i| self.records.get(i)?.as_ref()) {
                    Some(record) => record.read(&p.steps),
                    None => Cow::Owned(Data::Null),
                };
            }
        };
        Cow::Borrowed(path::follow(base, &p.steps))
    }
}

/// Every kind this engine runs. Type ids marked in `INFERRED_TYPE_IDS` appear in no published
/// flow file; they follow the adapter's naming and are the ids this engine reads.
pub static BUILT: &[Kind] = &[
    core::START,
    core::END,
    core::LOG,
    core::TRUTHY,
    core::IF_ELSE,
    core::FORMAT_PHONE_NUMBER,
    core::FORMAT_PHONE_NUMBER_E164,
    core::EXTRACT_VALUE,
    core::GET_PROPERTY,
    core::SET_PROPERTY,
    core::UNSET_PROPERTY,
    core::CLEAR_PROPERTIES,
    contact::GET_ATTRIBUTE_VALUE,
    contact::PROPERTIES,
    contact::CUSTOMER_PHONE_NUMBER,
    contact::IS_VOICE,
    contact::IS_CHAT,
    contact::IS_INBOUND,
    contact::IS_CALLBACK,
    contact::DIAL_NUMBER,
    contact::UPDATE_ATTRIBUTES,
    salesforce::SEARCH_AND_SCREENPOP,
    salesforce::SCREENPOP_OBJECT,
    salesforce::SCREENPOP_NEW_RECORD,
    salesforce::CREATE_TASK,
    salesforce::SAVE_LOG,
    salesforce::RETRIEVE,
    salesforce::GET_CONTACT_ID,
    salesforce::GET_LEAD_ID,
    salesforce::COMPLETE_HVS_WORK,
];

/// Type ids of built blocks that no published flow file shows (the adapter's editor is not
/// public); they follow its naming (`SE_Core…`, `SE_Contact…`, `SE_…Property`).
pub const INFERRED_TYPE_IDS: &[&str] = &[
    "SE_CoreIfElse",
    "SE_UnsetProperty",
    "SE_ClearProperties",
    "SE_ContactIsVoice",
    "SE_ContactIsChat",
    "SE_ContactIsInbound",
    "SE_ContactIsCallback",
];

/// Blocks of the adapter's appendix this engine knows by name but does not run yet (inferred
/// ids, as above): loading warns, and a run takes the block's failure port or stops there.
pub const NOT_BUILT: &[&str] = &[
    "SE_CoreHttpRequest",
    "SE_GetAllProperties",
    "SE_CoreFormatDate",
    "SE_CoreDelay",
    "SE_SFRunApex",
    "SE_SFScreenpopUrl",
    "SE_SFScreenpopSearch",
    "SE_SFScreenpopList",
    "SE_SFScreenpopObjectHome",
    "SE_ContactIsTask",
    "SE_ContactIsTransfer",
    "SE_AgentMute",
    "SE_AgentUnmute",
];

pub fn find(type_id: &str) -> Option<usize> {
    BUILT.iter().position(|kind| kind.type_id == type_id)
}
