//! The text of the CTI attributes editor page (admins). Kept apart from the softphone's keys, so nothing here is linked into the agent's bundle.

use super::{Lang, config_problem_kind, lang};
use engine::config::{Problem, Severity};
use engine::editor::Field;
use engine::editor::remote::{RemoteError, RemotingFailure};

/// Fixed labels of the editor page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditorKey {
    Title,
    Intro,
    Adapter,
    AdapterLocked,
    Loading,
    Attributes,
    NoAttributes,
    Add,
    MoveUp,
    MoveDown,
    Delete,
    Edit,
    Editing,
    Save,
    Saving,
    Discard,
    LoadSaved,
    Retry,
    Inactive,
    Unnamed,
    EditHeading,
    NothingSelected,
    Active,
    ActiveHelp,
    Preview,
    PreviewHelp,
    Sample,
    SampleKey,
    SampleValue,
    SampleAdd,
    SampleRemove,
    PreviewEmpty,
    PreviewNotes,
    Unsaved,
    AllSaved,
    Saved,
    Conflict,
}

pub fn text(key: EditorKey) -> &'static str {
    use EditorKey as K;
    match (lang(), key) {
        (Lang::En, K::Title) => "CTI attributes",
        (Lang::En, K::Intro) => {
            "The contact attributes agents see on a call, in this order. The softphone uses the saved list the next time it loads its configuration."
        }
        (Lang::En, K::Adapter) => "CTI adapter",
        (Lang::En, K::AdapterLocked) => "Save or discard your changes to switch adapters.",
        (Lang::En, K::Loading) => "Loading the attributes…",
        (Lang::En, K::Attributes) => "Attributes",
        (Lang::En, K::NoAttributes) => {
            "No attributes yet. Add one to show a contact attribute to agents."
        }
        (Lang::En, K::Add) => "Add attribute",
        (Lang::En, K::MoveUp) => "Move up",
        (Lang::En, K::MoveDown) => "Move down",
        (Lang::En, K::Delete) => "Delete",
        (Lang::En, K::Edit) => "Edit",
        (Lang::En, K::Editing) => "Editing",
        (Lang::En, K::Save) => "Save",
        (Lang::En, K::Saving) => "Saving…",
        (Lang::En, K::Discard) => "Discard changes",
        (Lang::En, K::LoadSaved) => "Load the saved version",
        (Lang::En, K::Retry) => "Try again",
        (Lang::En, K::Inactive) => "Inactive",
        (Lang::En, K::Unnamed) => "(no name)",
        (Lang::En, K::EditHeading) => "Edit attribute",
        (Lang::En, K::NothingSelected) => "Choose an attribute to edit, or add one.",
        (Lang::En, K::Active) => "Active",
        (Lang::En, K::ActiveHelp) => "Only active attributes reach the softphone.",
        (Lang::En, K::Preview) => "Preview",
        (Lang::En, K::PreviewHelp) => {
            "What an agent sees for a contact with these attributes. Edit the sample to try values."
        }
        (Lang::En, K::Sample) => "Sample contact attributes",
        (Lang::En, K::SampleKey) => "Key",
        (Lang::En, K::SampleValue) => "Value",
        (Lang::En, K::SampleAdd) => "Add sample attribute",
        (Lang::En, K::SampleRemove) => "Remove",
        (Lang::En, K::PreviewEmpty) => "Agents see no attributes for this contact.",
        (Lang::En, K::PreviewNotes) => "How the softphone treats this contact",
        (Lang::En, K::Unsaved) => "Unsaved changes",
        (Lang::En, K::AllSaved) => "No unsaved changes",
        (Lang::En, K::Saved) => "Saved. The softphone uses these attributes from its next load.",
        (Lang::En, K::Conflict) => {
            "Someone else changed these attributes after you loaded them. Nothing was saved, and your changes are still here. Load the saved version to see theirs (your changes are then lost)."
        }
    }
}

/// The label of a field in the form.
pub fn field_label(field: Field) -> &'static str {
    match (lang(), field) {
        (Lang::En, Field::Name) => "Name (attribute key)",
        (Lang::En, Field::Label) => "Label",
        (Lang::En, Field::Display) => "Display",
        (Lang::En, Field::Type) => "Type",
        (Lang::En, Field::Style) => "Style",
        (Lang::En, Field::Format) => "Format",
        (Lang::En, Field::DefaultValue) => "Default value",
    }
}

/// The help under a field, where one helps.
pub fn field_help(field: Field) -> Option<&'static str> {
    match (lang(), field) {
        (Lang::En, Field::Name) => {
            Some("The contact attribute's key, exactly as the contact flow sets it.")
        }
        (Lang::En, Field::Style) => {
            Some("CSS declarations, e.g. color: #ba0517; font-weight: bold")
        }
        (Lang::En, Field::Format) => Some(
            "The value or link to show; {{key}} is replaced by that contact attribute. Empty: the value of the attribute itself.",
        ),
        (Lang::En, Field::DefaultValue) => {
            Some("Shown when the contact has none of the attributes the format names.")
        }
        (Lang::En, _) => None,
    }
}

/// A picklist value as the admin reads it (`KeyValue`, `Hyperlink`…).
pub fn choice_label(value: &str) -> &str {
    match (lang(), value) {
        (Lang::En, "KeyValue") => "Label and value",
        (Lang::En, "Key") => "Label only (a section heading)",
        (Lang::En, "Value") => "Value only",
        (Lang::En, "None") => "Hidden (usable in other formats)",
        (Lang::En, "Text") => "Text",
        (Lang::En, "Hyperlink") => "Link",
        (Lang::En, other) => other,
    }
}

/// A row's name as the list shows it.
pub fn row_name(name: &str) -> &str {
    if name.trim().is_empty() {
        text(EditorKey::Unnamed)
    } else {
        name
    }
}

/// The accessible name of a row's arrow button: `Move “phone” up`.
pub fn row_action(action: EditorKey, name: &str) -> String {
    let name = row_name(name);
    match (lang(), action) {
        (Lang::En, EditorKey::MoveUp) => format!("Move “{name}” up"),
        (Lang::En, EditorKey::MoveDown) => format!("Move “{name}” down"),
        (Lang::En, _) => format!("{} “{name}”", text(action)),
    }
}

/// ` “phone”`: what follows a button's visible text (Edit, Delete) for screen readers.
pub fn quoted(name: &str) -> String {
    let Lang::En = lang();
    format!(" “{}”", row_name(name))
}

/// `Key 1` / `Value 1`: the accessible names of a sample row's inputs.
pub fn sample_cell(key: bool, row: usize) -> String {
    let Lang::En = lang();
    let what = text(if key {
        EditorKey::SampleKey
    } else {
        EditorKey::SampleValue
    });
    format!("{what} {}", row + 1)
}

/// One problem next to its field: `error: “position” is not an allowed style property …`.
pub fn problem(problem: &Problem) -> String {
    let severity = match (lang(), problem.severity) {
        (Lang::En, Severity::Error) => "error",
        (Lang::En, Severity::Warning) => "warning",
    };
    format!("{severity}: {}", config_problem_kind(&problem.kind))
}

/// `2 errors, 1 warning` for a row; empty when it has none.
pub fn problem_count(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, one: &str, many: &str| match n {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    };
    let Lang::En = lang();
    let mut parts = Vec::new();
    if errors > 0 {
        parts.push(plural(errors, "error", "errors"));
    }
    if warnings > 0 {
        parts.push(plural(warnings, "warning", "warnings"));
    }
    parts.join(", ")
}

/// Why Save is not offered while the drafts have errors.
pub fn save_blocked(errors: usize) -> String {
    match (lang(), errors) {
        (Lang::En, 1) => "Fix the error marked below before saving.".into(),
        (Lang::En, n) => format!("Fix the {n} errors marked below before saving."),
    }
}

/// What went wrong with a load or a save, for the admin.
pub fn remote_error(error: &RemoteError) -> String {
    match (lang(), error) {
        (Lang::En, RemoteError::Conflict) => text(EditorKey::Conflict).into(),
        (Lang::En, RemoteError::NoAdapter) => {
            "There is no CTI adapter to edit. Create one on the CTI Adapters tab first.".into()
        }
        (Lang::En, RemoteError::AdapterNotFound) => {
            "This CTI adapter no longer exists, or you cannot see it.".into()
        }
        (Lang::En, RemoteError::AccessDenied { message }) => format!(
            "You may not edit CTI attributes ({message}). Ask for the CtiSoftphoneAdmin permission set."
        ),
        (Lang::En, RemoteError::InvalidRequest { message }) => {
            format!("Salesforce refused the request: {message}")
        }
        (Lang::En, RemoteError::SaveFailed { message }) => {
            format!("Salesforce could not save the attributes, so nothing was saved: {message}")
        }
        (Lang::En, RemoteError::Other { code, message }) => {
            format!("Salesforce answered an error: {message} ({code})")
        }
        (Lang::En, RemoteError::Unreadable) => {
            "Salesforce answered something this page cannot read.".into()
        }
        (Lang::En, RemoteError::Remoting(RemotingFailure::Unavailable)) => {
            "This page cannot reach Salesforce: Visualforce remoting is not available.".into()
        }
        (Lang::En, RemoteError::Remoting(RemotingFailure::Exception { message })) => {
            format!("Salesforce failed: {message}")
        }
        (Lang::En, RemoteError::Remoting(RemotingFailure::Failed { message })) => {
            format!("Salesforce did not answer: {message}. Nothing changed; try again.")
        }
    }
}
