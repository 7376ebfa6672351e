//! The editor's contract with the `CtiAttributeEditorController` Apex class over Visualforce JavaScript remoting: the two remote actions, their answers read into typed data and typed errors, and the save request.

use super::{AdapterRef, Draft, FIELDS};
use crate::flow::Data;
use crate::json::{self, Value};

/// The Apex class behind the editor page.
pub const CONTROLLER: &str = "CtiAttributeEditorController";
/// `load(String adapterId)`: the attributes of an adapter (blank: the first adapter by name).
pub const LOAD: &str = "load";
/// `save(String request)`: the whole list, written only if the version still matches.
pub const SAVE: &str = "save";

/// What `load` and a successful `save` answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loaded {
    pub adapter: AdapterRef,
    pub adapters: Vec<AdapterRef>,
    pub version: String,
    /// Every attribute record of the adapter, active or not, in Sort Order.
    pub attributes: Vec<Draft>,
    pub attributes_feature: Option<String>,
}

/// Why the editor got no attributes, or why a save wrote nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RemoteError {
    /// Someone saved the adapter's attributes after they were loaded: nothing was written.
    Conflict,
    /// The org has no CTI Adapter record the admin can see.
    NoAdapter,
    /// The adapter asked for does not exist, or the admin cannot see it.
    AdapterNotFound,
    /// The admin lacks a permission (CtiSoftphoneAdmin gives them all).
    AccessDenied { message: String },
    /// The request was malformed (a bug, or a record of another adapter).
    InvalidRequest { message: String },
    /// Salesforce refused to write a record (a validation rule, a field too long…); nothing
    /// was written.
    SaveFailed { message: String },
    /// Any other answer with an error code (`INTERNAL_ERROR`, a newer package's codes).
    Other { code: String, message: String },
    /// An answer that is not the document above.
    Unreadable,
    /// The remote call itself failed.
    Remoting(RemotingFailure),
}

/// How a Visualforce remoting call fails before Apex answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RemotingFailure {
    /// The page has no `Visualforce.remoting` (not served by Visualforce, or the script failed).
    Unavailable,
    /// The remote method threw (`event.type` `exception`).
    Exception { message: String },
    /// No answer: the network, a timeout, an expired session (`event.status` false).
    Failed { message: String },
}

/// Makes the error of a code from the answer's message.
type MakeError = fn(String) -> RemoteError;

/// The error codes the Apex class answers, and the error each one is.
const CODES: &[(&str, MakeError)] = &[
    ("CONFLICT", |_| RemoteError::Conflict),
    ("NO_ADAPTER", |_| RemoteError::NoAdapter),
    ("ADAPTER_NOT_FOUND", |_| RemoteError::AdapterNotFound),
    ("ACCESS_DENIED", |message| RemoteError::AccessDenied {
        message,
    }),
    ("INVALID_REQUEST", |message| RemoteError::InvalidRequest {
        message,
    }),
    ("SAVE_FAILED", |message| RemoteError::SaveFailed { message }),
];

/// Reads what `load` or `save` answered. Both answer one JSON document as a string (the page
/// calls them with `{escape: false}`, so the text arrives as written):
/// `{"schemaVersion":1,"adapter":{…},"adapters":[…],"version":"…","attributes":[…],
/// "attributesFeature":"…"|null}`, or `{"schemaVersion":1,"error":{"code":"…","message":"…"}}`.
pub fn read_answer(text: &str) -> Result<Loaded, RemoteError> {
    let root = json::parse(text).map_err(|_| RemoteError::Unreadable)?;
    if let Some(error) = root.get("error").filter(|e| !e.is_null()) {
        let text = |key| error.get(key).and_then(Value::as_str).unwrap_or_default();
        let (code, message) = (text("code"), text("message").to_owned());
        return Err(match CODES.iter().find(|(c, _)| *c == code) {
            Some((_, make)) => make(message),
            None if code.is_empty() => RemoteError::Unreadable,
            None => RemoteError::Other {
                code: code.to_owned(),
                message,
            },
        });
    }
    let adapter = root.get("adapter").and_then(adapter_ref);
    let version = root.get("version").and_then(Value::as_str);
    let (Some(adapter), Some(version)) = (adapter, version) else {
        return Err(RemoteError::Unreadable);
    };
    let list = |key| root.get(key).and_then(Value::as_array).unwrap_or_default();
    let attributes = list("attributes")
        .iter()
        .map(draft)
        .collect::<Option<Vec<_>>>()
        .ok_or(RemoteError::Unreadable)?;
    Ok(Loaded {
        adapters: list("adapters").iter().filter_map(adapter_ref).collect(),
        adapter,
        version: version.to_owned(),
        attributes,
        attributes_feature: text_of(&root, "attributesFeature"),
    })
}

/// A string member; `null`, absent and non-strings are `None`.
fn text_of(value: &Value, key: &str) -> Option<String> {
    value.get(key).and_then(Value::as_str).map(str::to_owned)
}

fn adapter_ref(value: &Value) -> Option<AdapterRef> {
    Some(AdapterRef {
        id: text_of(value, "id").filter(|id| !id.is_empty())?,
        name: text_of(value, "name").unwrap_or_default(),
        call_center_name: text_of(value, "callCenterName").unwrap_or_default(),
    })
}

/// One attribute record of an answer; Salesforce's empty fields are `null`.
fn draft(value: &Value) -> Option<Draft> {
    value.as_object()?;
    let text = |key| text_of(value, key).unwrap_or_default();
    Some(Draft {
        id: text_of(value, "id").filter(|id| !id.is_empty()),
        name: text("name"),
        label: text("label"),
        display: text("display"),
        kind: text("type"),
        style: text("style"),
        format: text("format"),
        default_value: text("defaultValue"),
        active: !matches!(value.get("active"), Some(Value::Bool(false))),
        key: 0,
    })
}

/// The `save` request: the adapter, the version the drafts were loaded at, and every record in
/// order (its position is its Sort Order; a record left out is deleted; one without an id is
/// inserted). Blank fields are `null`, as Salesforce stores them.
pub fn save_request(adapter_id: &str, version: &str, drafts: &[Draft]) -> String {
    let records = drafts
        .iter()
        .map(|draft| {
            let mut members = vec![("id", draft.id.clone().into())];
            for field in FIELDS {
                let value = draft.get(*field).trim();
                let value = if value.is_empty() {
                    Data::Null
                } else {
                    Data::text(value)
                };
                members.push((field.key(), value));
            }
            members.push(("active", Data::Bool(draft.active)));
            Data::object(members)
        })
        .collect();
    Data::object([
        ("adapterId", Data::text(adapter_id)),
        ("version", Data::text(version)),
        ("attributes", Data::Array(records)),
    ])
    .to_json()
}
