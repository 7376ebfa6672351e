//! The admin editor of CTI attributes as data: drafts of the adapter's attribute records, checked by the configuration decoder and previewed through the overlay model; the editor page only draws it.

pub mod remote;

use crate::config::{self, CtiAttribute, CtiAttributesFeature, Problem, Section, Severity};
use crate::flow::Data;
use crate::overlay::{self, ContactAttributes, Overlay, UrlParser};

/// The fields of an attribute the editor shows, in form order, by their document key.
pub const FIELDS: &[Field] = &[
    Field::Name,
    Field::Label,
    Field::Display,
    Field::Type,
    Field::Style,
    Field::Format,
    Field::DefaultValue,
];

/// The Display picklist (`CtiAttribute__c.Display__c`), as the decoder reads it.
pub const DISPLAY_VALUES: &[&str] = &["KeyValue", "Key", "Value", "None"];
/// The Type picklist (`CtiAttribute__c.Type__c`).
pub const TYPE_VALUES: &[&str] = &["Text", "Hyperlink"];
/// The feature record whose settings the preview follows.
pub const ATTRIBUTES_FEATURE: &str = "FEATURE_CTI_ATTRIBUTES";

/// One editable field of an attribute record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Name,
    Label,
    Display,
    Type,
    Style,
    Format,
    DefaultValue,
}

impl Field {
    /// The key of the field in the configuration document (and in problem locations).
    pub fn key(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Label => "label",
            Field::Display => "display",
            Field::Type => "type",
            Field::Style => "style",
            Field::Format => "format",
            Field::DefaultValue => "defaultValue",
        }
    }

    /// The longest text Salesforce stores in the field (`CtiAttribute__c` field lengths).
    pub fn max_length(self) -> usize {
        match self {
            Field::Name => 80,
            Field::Format => 2000,
            _ => 255,
        }
    }
}

/// One attribute record as the admin edits it: every field as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    /// The record id; `None` for a record added in the editor and not saved yet.
    pub id: Option<String>,
    pub name: String,
    pub label: String,
    pub display: String,
    pub kind: String,
    pub style: String,
    pub format: String,
    pub default_value: String,
    /// Only active records reach the softphone (the Active checkbox).
    pub active: bool,
    /// Identifies the row in this editor session (list keys, focus); never sent.
    pub key: u32,
}

impl Draft {
    pub fn get(&self, field: Field) -> &str {
        match field {
            Field::Name => &self.name,
            Field::Label => &self.label,
            Field::Display => &self.display,
            Field::Type => &self.kind,
            Field::Style => &self.style,
            Field::Format => &self.format,
            Field::DefaultValue => &self.default_value,
        }
    }

    pub fn set(&mut self, field: Field, value: String) {
        let slot = match field {
            Field::Name => &mut self.name,
            Field::Label => &mut self.label,
            Field::Display => &mut self.display,
            Field::Type => &mut self.kind,
            Field::Style => &mut self.style,
            Field::Format => &mut self.format,
            Field::DefaultValue => &mut self.default_value,
        };
        *slot = value;
    }

    /// The same record content, whatever the row key.
    pub fn same_as(&self, other: &Draft) -> bool {
        self.id == other.id
            && self.active == other.active
            && FIELDS.iter().all(|f| self.get(*f) == other.get(*f))
    }

    /// The record as the configuration document holds it (what `CtiAdapterConfig` answers).
    fn to_document(&self, position: usize) -> Data {
        let mut members = vec![("id", self.id.clone().into())];
        for field in FIELDS {
            members.push((field.key(), Data::text(self.get(*field))));
        }
        members.push(("sortOrder", Data::Number((position + 1).to_string())));
        Data::object(members)
    }
}

/// The adapter whose attributes are edited.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AdapterRef {
    pub id: String,
    pub name: String,
    pub call_center_name: String,
}

/// The editor's state: the loaded records (the baseline), the admin's drafts and the version
/// the baseline was loaded at.
///
/// Shaped load → check → run like the rest of the engine: `remote::read_answer` loads what the
/// `CtiAttributeEditorController` Apex class answers; [`Editor::check`] runs the drafts through
/// `config::parse`, so the admin sees exactly the problems the softphone would report, each on
/// its row and field; [`Editor::preview`] lays out the overlay of a sample contact with
/// `overlay::render`, as an agent would see it; [`Editor::save_request`] is what Save sends, with
/// the version the drafts were loaded at (optimistic concurrency).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Editor {
    pub adapter: AdapterRef,
    /// Every adapter the admin can edit, for switching.
    pub adapters: Vec<AdapterRef>,
    /// The concurrency token of the baseline; a save with an older one is refused.
    pub version: String,
    baseline: Vec<Draft>,
    pub drafts: Vec<Draft>,
    /// The `Key:value` lines of the adapter's active `FEATURE_CTI_ATTRIBUTES` record.
    pub attributes_feature: Option<String>,
    next_key: u32,
}

/// The drafts run through the configuration decoder.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    /// The records the softphone would use, each with `index` = its row.
    pub attributes: Vec<CtiAttribute>,
    /// Every problem of the attribute records, each with `at.index` = its row.
    pub problems: Vec<Problem>,
    pub feature: CtiAttributesFeature,
}

impl Checked {
    /// The problems of one field of one row.
    pub fn of(&self, row: usize, field: Field) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(move |p| p.at.index == Some(row) && p.at.field.as_deref() == Some(field.key()))
    }

    /// The problems of one row.
    pub fn of_row(&self, row: usize) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(move |p| p.at.index == Some(row))
    }

    pub fn errors(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }
}

impl Editor {
    pub fn new(loaded: remote::Loaded) -> Editor {
        Editor::starting_at(loaded, 0)
    }

    /// The editor of `loaded`, its row keys counting on from `last_key`.
    fn starting_at(loaded: remote::Loaded, last_key: u32) -> Editor {
        let mut editor = Editor {
            adapter: loaded.adapter,
            adapters: loaded.adapters,
            version: loaded.version,
            baseline: Vec::new(),
            drafts: Vec::new(),
            attributes_feature: loaded.attributes_feature,
            next_key: last_key,
        };
        editor.drafts = loaded
            .attributes
            .into_iter()
            .map(|mut draft| {
                draft.key = editor.new_key();
                draft
            })
            .collect();
        editor.baseline = editor.drafts.clone();
        editor
    }

    fn new_key(&mut self) -> u32 {
        self.next_key += 1;
        self.next_key
    }

    /// Whether the drafts differ from what was loaded (or last saved).
    pub fn is_dirty(&self) -> bool {
        self.drafts.len() != self.baseline.len()
            || self
                .drafts
                .iter()
                .zip(&self.baseline)
                .any(|(draft, saved)| !draft.same_as(saved))
    }

    /// Appends a new active KeyValue Text attribute; its row.
    pub fn add(&mut self) -> usize {
        let key = self.new_key();
        self.drafts.push(Draft {
            id: None,
            name: String::new(),
            label: String::new(),
            display: DISPLAY_VALUES[0].to_owned(),
            kind: TYPE_VALUES[0].to_owned(),
            style: String::new(),
            format: String::new(),
            default_value: String::new(),
            active: true,
            key,
        });
        self.drafts.len() - 1
    }

    pub fn remove(&mut self, row: usize) {
        if row < self.drafts.len() {
            self.drafts.remove(row);
        }
    }

    /// Moves a row one place up or down; its new row, or `None` at either end.
    pub fn move_row(&mut self, row: usize, up: bool) -> Option<usize> {
        let to = if up { row.checked_sub(1)? } else { row + 1 };
        if to >= self.drafts.len() || row >= self.drafts.len() {
            return None;
        }
        self.drafts.swap(row, to);
        Some(to)
    }

    /// The row of the draft with this key.
    pub fn row_of(&self, key: u32) -> Option<usize> {
        self.drafts.iter().position(|d| d.key == key)
    }

    /// The drafts as a configuration document, decoded by `config::parse`: the problems the
    /// softphone would report, and the records it would use.
    pub fn check(&self) -> Checked {
        let mut members = vec![
            (
                "schemaVersion",
                Data::Number(config::SCHEMA_VERSION.to_string()),
            ),
            (
                "attributes",
                Data::Array(
                    self.drafts
                        .iter()
                        .enumerate()
                        .map(|(row, draft)| draft.to_document(row))
                        .collect(),
                ),
            ),
        ];
        if let Some(value) = &self.attributes_feature {
            let feature = Data::object([
                ("name", Data::text(ATTRIBUTES_FEATURE)),
                ("value", Data::text(value.as_str())),
            ]);
            members.push(("features", Data::Array(vec![feature])));
        }
        let parsed = config::parse(&Data::object(members).to_json(), None);
        let (attributes, feature) = match parsed.config {
            Some(c) => (c.attributes, c.features.cti_attributes),
            None => (Vec::new(), config::Features::default().cti_attributes),
        };
        Checked {
            attributes,
            // The document has no adapter: only what is said about the attribute records counts.
            problems: parsed
                .problems
                .into_iter()
                .filter(|p| p.at.section == Section::Attributes && p.at.index.is_some())
                .collect(),
            feature,
        }
    }

    /// The overlay an agent would see for a contact with these attributes: the active records
    /// the decoder keeps, laid out by `overlay::render`.
    pub fn preview(
        &self,
        checked: &Checked,
        sample: &[(String, String)],
        urls: &dyn UrlParser,
    ) -> Overlay {
        let active: Vec<CtiAttribute> = checked
            .attributes
            .iter()
            .filter(|a| self.drafts.get(a.index).is_some_and(|d| d.active))
            .cloned()
            .collect();
        let contact = ContactAttributes::new(
            sample
                .iter()
                .filter(|(key, _)| !key.is_empty())
                .map(|(key, value)| (key.as_str(), value.as_str())),
        );
        overlay::render(&active, checked.feature, &contact, urls)
    }

    /// A sample contact to start the preview with: each key the formats read, once, with the
    /// key itself as its value (so the admin sees where each value lands).
    pub fn sample_contact(&self) -> Vec<(String, String)> {
        let mut keys: Vec<String> = Vec::new();
        for draft in &self.drafts {
            for key in config::Template::parse(&draft.format).keys() {
                if !keys.iter().any(|k| k == key) {
                    keys.push(key.to_owned());
                }
            }
        }
        keys.into_iter().map(|k| (k.clone(), k)).collect()
    }

    /// What Save sends: the whole list in order, with the version it was loaded at.
    pub fn save_request(&self) -> String {
        remote::save_request(&self.adapter.id, &self.version, &self.drafts)
    }

    /// After a save, or a reload: what the server now holds becomes the baseline and the
    /// drafts. Row keys stay unique within the session, so no key names two rows.
    pub fn replace(&mut self, loaded: remote::Loaded) {
        *self = Editor::starting_at(loaded, self.next_key);
    }
}
