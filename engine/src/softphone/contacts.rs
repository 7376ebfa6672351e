//! Contacts: the contact list the agent sees, screen pops (once per contact) and click-to-dial.

use super::{CcpStatus, ContactView, POPPED_MEMORY, Softphone};
use crate::contact::ContactState;
use crate::contact::{Channel, ContactEvent, ContactSnapshot};
use crate::host::{CallType, Host, Level, ScreenPop};
use crate::notice::{NoticeKind, Severity};
use crate::phone::{self, E164};

impl Softphone {
    pub(super) fn on_contact(
        &mut self,
        host: &mut impl Host,
        kind: ContactEvent,
        contact: ContactSnapshot,
    ) {
        host.log(
            Level::Info,
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
                return;
            }
            _ => self.upsert(contact.clone(), now),
        }
        let pops_now = match (&contact.channel, kind) {
            (Channel::Voice, ContactEvent::Connecting) => !contact.is_outbound(),
            (Channel::QueueCallback, ContactEvent::Incoming | ContactEvent::Connecting) => true,
            (
                Channel::Chat | Channel::Task | Channel::Email,
                ContactEvent::Incoming | ContactEvent::Connecting,
            ) => true,
            _ => false,
        };
        if pops_now && self.first_pop(&contact.contact_id) {
            self.pop(host, &contact);
        }
    }

    fn upsert(&mut self, contact: ContactSnapshot, now: f64) {
        let state_since_ms = now - contact.state_duration_ms.max(0.0);
        match self
            .view
            .contacts
            .iter_mut()
            .find(|c| c.contact.contact_id == contact.contact_id)
        {
            Some(existing) => {
                if existing.contact.state != contact.state {
                    existing.state_since_ms = state_since_ms;
                }
                existing.contact = contact;
            }
            None => self.view.contacts.push(ContactView {
                contact,
                state_since_ms,
            }),
        }
    }

    /// True the first time a contact id is seen here; Streams may replay contacts after the CCP
    /// reconnects, and the agent must get exactly one pop per contact.
    fn first_pop(&mut self, contact_id: &str) -> bool {
        if self.popped.iter().any(|id| id == contact_id) {
            return false;
        }
        if self.popped.len() == POPPED_MEMORY {
            self.popped.pop_front();
        }
        self.popped.push_back(contact_id.to_owned());
        true
    }

    fn pop(&mut self, host: &mut impl Host, contact: &ContactSnapshot) {
        if self.settings.is_none() && self.config.is_none() {
            return;
        }
        let settings = self.pop_settings();
        match contact.channel {
            Channel::Voice | Channel::QueueCallback => {
                let Some(raw) = contact
                    .customer_phone
                    .as_deref()
                    .filter(|n| !n.trim().is_empty())
                else {
                    host.log(
                        Level::Info,
                        format!("{}: no caller number, no pop", contact.contact_id),
                    );
                    return;
                };
                match phone::normalize(raw, &settings.country) {
                    Ok(number) => host.search_and_screen_pop(number.as_str(), CallType::Inbound),
                    Err(error) => {
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
                        host.search_and_screen_pop(raw.trim(), CallType::Inbound);
                    }
                }
            }
            _ => self.pop_digital(host, contact, &settings),
        }
    }

    /// Chat, task and email: a record id attribute pops the record, else search by the best
    /// customer identifier the contact carries.
    fn pop_digital(
        &mut self,
        host: &mut impl Host,
        contact: &ContactSnapshot,
        settings: &PopSettings,
    ) {
        let attribute = |name: &str| {
            contact
                .attributes
                .get(name)
                .map(|v| v.trim())
                .filter(|v| !v.is_empty())
        };
        if let Some(record_id) = attribute(&settings.record_attribute) {
            if is_salesforce_id(record_id) {
                host.screen_pop(ScreenPop::Record {
                    record_id: record_id.to_owned(),
                });
                return;
            }
            host.log(
                Level::Warn,
                format!(
                    "attribute {} is not a record id: “{record_id}”",
                    settings.record_attribute
                ),
            );
            self.notify(
                Severity::Warning,
                NoticeKind::InvalidRecordId {
                    attribute: settings.record_attribute.clone(),
                    value: record_id.to_owned(),
                },
            );
        }
        let identifier = attribute(&settings.search_attribute)
            .or_else(|| {
                ["emailAddress", "email", "Email", "customerEmail"]
                    .into_iter()
                    .find_map(attribute)
            })
            .or_else(|| {
                contact
                    .customer_name
                    .as_deref()
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
            })
            .or_else(|| {
                contact
                    .customer_phone
                    .as_deref()
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
            });
        match identifier {
            Some(term) => host.search_and_screen_pop(term, CallType::Inbound),
            None => self.notify(
                Severity::Warning,
                NoticeKind::NothingToPop {
                    contact_id: contact.contact_id.clone(),
                    channel: contact.channel.as_str().to_owned(),
                },
            ),
        }
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

    pub(super) fn on_dial_failed(&mut self, host: &mut impl Host, number: E164, reason: String) {
        host.log(Level::Error, format!("dial {number} failed: {reason}"));
        self.notify(
            Severity::Error,
            NoticeKind::DialFailed {
                number: number.to_string(),
                reason,
            },
        );
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

    pub(super) fn on_click_to_dial(
        &mut self,
        host: &mut impl Host,
        input: String,
        record_id: Option<String>,
        object_type: Option<String>,
    ) {
        host.log(
            Level::Info,
            format!(
                "click-to-dial “{input}” from {} {}",
                object_type.as_deref().unwrap_or("-"),
                record_id.as_deref().unwrap_or("-")
            ),
        );
        host.show_panel();
        if self.view.ccp != CcpStatus::SignedIn {
            self.notify(Severity::Error, NoticeKind::DialWhileSignedOut { input });
            return;
        }
        let country = self.pop_settings().country;
        match phone::normalize(&input, &country) {
            Ok(number) => {
                let queue = self
                    .view
                    .agent
                    .as_ref()
                    .and_then(|a| a.outbound_queue_arn.clone());
                host.log(
                    Level::Info,
                    format!("dial {number} on queue {}", queue.as_deref().unwrap_or("-")),
                );
                host.dial(&number, queue.as_deref());
            }
            Err(error) => {
                host.log(
                    Level::Warn,
                    format!("not dialling “{input}”: {}", error.as_str()),
                );
                self.notify(
                    Severity::Error,
                    NoticeKind::UndialableNumber { input, error },
                );
            }
        }
    }
}

/// What pops and dials read: the adapter record first, then the call center settings.
struct PopSettings {
    country: String,
    record_attribute: String,
    search_attribute: String,
}

impl Softphone {
    fn pop_settings(&self) -> PopSettings {
        let settings = self.settings.as_ref();
        let country = self
            .config
            .as_ref()
            .and_then(|(c, _, _)| c.adapter.default_country.clone())
            .or_else(|| settings.map(|s| s.default_country.clone()))
            .unwrap_or_else(|| "US".to_owned());
        PopSettings {
            country,
            record_attribute: settings.map_or("acsf-screenpop-record".to_owned(), |s| {
                s.record_attribute.clone()
            }),
            search_attribute: settings.map_or("acsf-screenpop-search".to_owned(), |s| {
                s.search_attribute.clone()
            }),
        }
    }
}

/// A 15- or 18-character Salesforce record id.
pub fn is_salesforce_id(value: &str) -> bool {
    matches!(value.len(), 15 | 18) && value.bytes().all(|b| b.is_ascii_alphanumeric())
}
