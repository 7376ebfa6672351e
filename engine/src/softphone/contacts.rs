//! Contacts: the contact list the agent sees, and the flows contact and click-to-dial events run.

use super::flows::{self, Trigger};
use super::{ContactView, Softphone};
use crate::config::FlowSource;
use crate::contact::{Channel, ContactEvent, ContactSnapshot, ContactState};
use crate::flow::Data;
use crate::host::{Host, Level};
use crate::notice::{NoticeKind, Severity};
use crate::overlay::{self, Overlay};
use crate::phone;

impl Softphone {
    pub(super) fn on_contact(
        &mut self,
        host: &mut impl Host,
        kind: ContactEvent,
        contact: ContactSnapshot,
    ) {
        let level = match kind {
            ContactEvent::Refresh => Level::Debug,
            _ => Level::Info,
        };
        host.log(
            level,
            format!(
                "{} {} {} ({})",
                kind.as_str(),
                contact.channel.as_str(),
                contact.contact_id,
                contact.state.as_str()
            ),
        );
        self.report_unreadable_attributes(host, &contact);
        let now = host.now_ms();
        match kind {
            ContactEvent::Destroyed => {
                self.view
                    .contacts
                    .retain(|c| c.contact.contact_id != contact.contact_id);
                if let Some(event) = flows::contact_event_name(kind) {
                    self.contact_flow(host, event, contact);
                }
                return;
            }
            _ => self.upsert(host, contact.clone(), now),
        }
        self.report_unreadable_number(host, &contact);
        if let Some(event) = flows::contact_event_name(kind) {
            self.contact_flow(host, event, contact);
        }
    }

    /// The agent brought a contact into view in the CCP: its `onViewContact` flow runs each
    /// time (the adapter's event may fire many times for one contact).
    pub(super) fn on_contact_viewed(&mut self, host: &mut impl Host, contact_id: String) {
        let live = self
            .view
            .contacts
            .iter()
            .find(|c| c.contact.contact_id == contact_id);
        let Some(contact) = live.map(|c| c.contact.clone()) else {
            host.log(
                Level::Debug,
                format!("contact::view {contact_id}: not a live contact"),
            );
            return;
        };
        host.log(
            Level::Info,
            format!("contact::view {} {contact_id}", contact.channel.as_str()),
        );
        self.contact_flow(host, "onViewContact", contact);
    }

    /// The flow a contact event runs (bound by the configuration, or a default screen pop).
    fn contact_flow(
        &mut self,
        host: &mut impl Host,
        event: &'static str,
        contact: ContactSnapshot,
    ) {
        let trigger = Trigger {
            source: flows::contact_source(&contact.channel),
            event,
            payload: None,
            contact: Some(contact),
            elected: true,
        };
        self.trigger(host, trigger);
    }

    fn upsert(&mut self, host: &impl Host, contact: ContactSnapshot, now: f64) {
        let state_since_ms = now - contact.state_duration_ms.max(0.0);
        let known = self
            .view
            .contacts
            .iter()
            .position(|c| c.contact.contact_id == contact.contact_id);
        let Some(at) = known else {
            let overlay = self.overlay_of(host, &contact);
            self.view.contacts.push(ContactView {
                contact,
                state_since_ms,
                overlay,
                overlay_revision: 0,
            });
            return;
        };
        // Streams refreshes every contact on every snapshot: the overlay is laid out again, and
        // its card redrawn, only when the attributes changed (a new configuration redoes all in
        // `refresh_overlays`). Comparing overlays instead would cost the bundle ~1.5 KB.
        let overlay = (self.view.contacts[at].contact.attributes != contact.attributes)
            .then(|| self.overlay_of(host, &contact));
        let existing = &mut self.view.contacts[at];
        if existing.contact.state != contact.state {
            existing.state_since_ms = state_since_ms;
        }
        existing.contact = contact;
        if let Some(overlay) = overlay {
            existing.overlay = overlay;
            existing.overlay_revision = existing.overlay_revision.wrapping_add(1);
        }
    }

    /// The CTI attributes overlay of a contact under the configuration in use (none without).
    fn overlay_of(&self, host: &impl Host, contact: &ContactSnapshot) -> Overlay {
        let Some(config) = self.config() else {
            return Overlay::default();
        };
        let attributes = overlay::ContactAttributes::new(
            contact
                .attributes
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str())),
        );
        overlay::render(
            &config.attributes,
            config.features.cti_attributes,
            &attributes,
            host,
        )
    }

    /// Lays out every live contact's overlay again (a new configuration is in use).
    pub(super) fn refresh_overlays(&mut self, host: &mut impl Host) {
        let mut contacts = std::mem::take(&mut self.view.contacts);
        for view in &mut contacts {
            view.overlay = self.overlay_of(host, &view.contact);
            view.overlay_revision = view.overlay_revision.wrapping_add(1);
        }
        self.view.contacts = contacts;
    }

    /// Accepts a contact only while it rings.
    pub(super) fn on_accept(&mut self, host: &mut impl Host, contact_id: String) {
        let ringing = self.view.contacts.iter().any(|c| {
            c.contact.contact_id == contact_id
                && matches!(
                    c.contact.state,
                    ContactState::Incoming | ContactState::Connecting
                )
        });
        if ringing {
            host.accept_contact(&contact_id);
        } else {
            host.log(
                Level::Warn,
                format!("accept ignored: {contact_id} is not ringing"),
            );
        }
    }

    /// Clears a contact only once it is over (after-call work, missed, ended).
    pub(super) fn on_clear(&mut self, host: &mut impl Host, contact_id: String) {
        let finished = self
            .view
            .contacts
            .iter()
            .any(|c| c.contact.contact_id == contact_id && !c.contact.state.is_active());
        if finished {
            host.clear_contact(&contact_id);
        } else {
            host.log(
                Level::Warn,
                format!("clear ignored: {contact_id} is still active"),
            );
        }
    }

    /// Says once per contact that its attributes could not be read (log and notice): an empty
    /// attribute list must never pass for a contact without attributes.
    fn report_unreadable_attributes(&mut self, host: &mut impl Host, contact: &ContactSnapshot) {
        let Some(error) = &contact.attributes_error else {
            return;
        };
        let reported = self.view.contacts.iter().any(|known| {
            known.contact.contact_id == contact.contact_id
                && known.contact.attributes_error.is_some()
        });
        if reported {
            return;
        }
        host.log(
            Level::Warn,
            format!(
                "contact {}: Streams could not read its attributes: {error}",
                contact.contact_id
            ),
        );
        self.notify(
            Severity::Warning,
            NoticeKind::AttributesUnreadable {
                contact_id: contact.contact_id.clone(),
            },
        );
    }

    /// Shows the panel, then runs the click-to-dial flow (the default dials the number).
    pub(super) fn on_click_to_dial(
        &mut self,
        host: &mut impl Host,
        number: String,
        record_id: Option<String>,
        record_name: Option<String>,
        object_type: Option<String>,
    ) {
        host.log(
            Level::Info,
            format!(
                "click-to-dial “{number}” from {} {}",
                object_type.as_deref().unwrap_or("-"),
                record_id.as_deref().unwrap_or("-")
            ),
        );
        host.show_panel();
        let payload = Data::object([
            ("number", Data::text(number)),
            ("recordId", Data::from(record_id)),
            ("recordName", Data::from(record_name)),
            ("objectType", Data::from(object_type)),
        ]);
        let trigger = Trigger {
            source: Some(FlowSource::SalesforceUi),
            event: "onClickToDial",
            contact: None,
            payload: Some(payload),
            elected: false,
        };
        self.trigger(host, trigger);
    }

    /// Says once per contact that the caller's number does not read as a phone number: the
    /// default pop then searches it as given, and a configured flow sees no `parsedNumber`.
    fn report_unreadable_number(&mut self, host: &mut impl Host, contact: &ContactSnapshot) {
        let inbound_call = matches!(contact.channel, Channel::Voice | Channel::QueueCallback)
            && !contact.is_outbound();
        let Some(raw) = contact.customer_phone.as_deref().map(str::trim) else {
            return;
        };
        if !inbound_call || raw.is_empty() || !self.flows.first_time(&contact.contact_id, "number")
        {
            return;
        }
        host.save_flow_memory(&self.flows.memory_text());
        if let Err(error) = self.read_number(raw) {
            host.log(
                Level::Warn,
                format!("caller number “{raw}”: {}", error.as_str()),
            );
            self.notify(
                Severity::Warning,
                NoticeKind::UnparseableCallerNumber {
                    input: raw.to_owned(),
                    error,
                },
            );
        }
    }

    /// A customer's number read in the default country; the last few are kept, so the check
    /// above and the flow's `parsedNumber` read each number once.
    pub(super) fn read_number(&mut self, raw: &str) -> Result<phone::Parsed, phone::PhoneError> {
        let country = self.default_country();
        if let Some((_, _, read)) = self
            .numbers
            .iter()
            .find(|(r, c, _)| r == raw && *c == country)
        {
            return read.clone();
        }
        let read = phone::parse(raw, &country);
        if self.numbers.len() == NUMBERS_KEPT {
            drop(self.numbers.remove(0));
        }
        self.numbers.push((raw.to_owned(), country, read.clone()));
        read
    }
}

/// How many numbers `read_number` keeps.
const NUMBERS_KEPT: usize = 8;

impl Softphone {
    /// Prepares what the first contact would otherwise pay for (phone tables and patterns of
    /// the default country); the host calls it when the page is idle.
    pub fn warm_up(&self) {
        phone::warm_up(&self.default_country());
    }

    /// The country national numbers are read in: the adapter record's, else the call center's.
    pub(super) fn default_country(&self) -> String {
        self.config()
            .and_then(|c| c.adapter.default_country.clone())
            .or_else(|| self.settings.as_ref().map(|s| s.default_country.clone()))
            .unwrap_or_else(|| "US".to_owned())
    }
}

/// A 15- or 18-character Salesforce record id.
pub fn is_salesforce_id(value: &str) -> bool {
    matches!(value.len(), 15 | 18) && value.bytes().all(|b| b.is_ascii_alphanumeric())
}
