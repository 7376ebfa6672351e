//! Feature records and their `Key:value` settings.

use super::*;

const FEATURE_FIELDS: &[&str] = &["id", "name", "value"];
/// Features of the adapter we replace that this softphone does not implement.
pub const FEATURES_NOT_SUPPORTED: &[&str] = &[
    "FEATURE_RECORDING_PANEL",
    "FEATURE_AMAZONQ_PANEL",
    "FEATURE_WISDOM_PANEL",
    "FEATURE_VOICEMAIL_DROP",
    "EnableMedialessPopout",
    "VDIPlatform",
    "GlobalResiliency",
    "MiniAdapterMessage",
];

pub(super) fn features(objects: &[&Map], problems: &mut Vec<Problem>) -> Features {
    let mut features = Features::default();
    // A handful of records: a list, not one more kind of map in the bundle.
    let mut seen: Vec<(String, usize)> = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        let at = record_location(Section::Features, index, object, None);
        let mut r = Record::new(object, at, FEATURE_FIELDS, problems);
        r.text("id");
        let Some(name) = r.required("name") else {
            continue;
        };
        if let Some((_, first)) = seen.iter().find(|(seen, _)| *seen == name) {
            r.error("name", ProblemKind::DuplicateFeature { first: *first });
            continue;
        }
        seen.push((name.clone(), index));
        let value = r.text("value").unwrap_or_default();
        let mut settings = Settings::read(&mut r, &value);
        match name.as_str() {
            "FEATURE_CTI_ATTRIBUTES" => {
                features.cti_attributes.show_if_empty =
                    settings.boolean(&mut r, "ShowAttributesIfEmpty", true);
                features.cti_attributes.show_all =
                    settings.boolean(&mut r, "ShowAllAttributes", false);
            }
            "SetAgentStatusOnSessionEnd" => {
                features.session_end = Some(SessionEnd {
                    status: settings
                        .text("Status")
                        .unwrap_or_else(|| "Offline".to_owned()),
                    if_profile_name_includes: settings.list("IfProfileNameIncludes"),
                    if_current_agent_state: settings.list("IfCurrentAgentState"),
                    timer_seconds: settings.seconds(&mut r, "SessionEndTimer", 5),
                    initial_agent_state: settings
                        .text("InitialAgentState")
                        .unwrap_or_else(|| "Available".to_owned()),
                });
            }
            "LogoutSync" => {
                let sync = &mut features.logout_sync;
                sync.connect_logout_sets_omni_offline =
                    settings.boolean(&mut r, "ConnectLogoutSetsOmniOffline", false);
                sync.omni_logout_signs_out_of_connect =
                    settings.boolean(&mut r, "OmniLogoutSignsOutOfConnect", false);
                if let Some(contains) = settings.text("LogoutStatusContains") {
                    sync.logout_status_contains = contains;
                }
            }
            name if FEATURES_NOT_SUPPORTED.contains(&name) => {
                r.problem(Severity::Warning, "name", ProblemKind::FeatureNotSupported);
                continue;
            }
            _ => {
                r.problem(Severity::Warning, "name", ProblemKind::FeatureUnknown);
                continue;
            }
        }
        for key in settings.unread() {
            r.problem(
                Severity::Warning,
                "value",
                ProblemKind::FeatureUnknownKey { key },
            );
        }
    }
    features
}

/// A feature's `Key:value` lines.
struct Settings {
    entries: Vec<(String, String, bool)>,
}

impl Settings {
    fn read(r: &mut Record, value: &str) -> Settings {
        let mut entries = Vec::new();
        for line in value.lines().map(str::trim).filter(|l| !l.is_empty()) {
            match line.split_once(':') {
                Some((key, value)) if !key.trim().is_empty() => {
                    entries.push((key.trim().to_owned(), value.trim().to_owned(), false))
                }
                _ => r.error(
                    "value",
                    ProblemKind::FeatureLine {
                        line: line.to_owned(),
                    },
                ),
            }
        }
        Settings { entries }
    }

    fn take(&mut self, key: &str) -> Option<String> {
        let entry = self.entries.iter_mut().find(|(k, _, _)| k == key)?;
        entry.2 = true;
        Some(entry.1.clone())
    }

    fn text(&mut self, key: &str) -> Option<String> {
        self.take(key).filter(|v| !v.is_empty())
    }

    fn list(&mut self, key: &str) -> Vec<String> {
        self.take(key)
            .map(|v| {
                v.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    }

    fn boolean(&mut self, r: &mut Record, key: &str, default: bool) -> bool {
        match self.take(key) {
            None => default,
            Some(v) if v.eq_ignore_ascii_case("true") => true,
            Some(v) if v.eq_ignore_ascii_case("false") => false,
            Some(value) => {
                r.error(
                    "value",
                    ProblemKind::FeatureNotBoolean {
                        key: key.to_owned(),
                        value,
                    },
                );
                default
            }
        }
    }

    fn seconds(&mut self, r: &mut Record, key: &str, default: u32) -> u32 {
        match self.take(key) {
            None => default,
            Some(v) => match v.parse::<u32>() {
                Ok(seconds) if seconds <= 3600 => seconds,
                _ => {
                    r.error(
                        "value",
                        ProblemKind::FeatureNotSeconds {
                            key: key.to_owned(),
                            value: v,
                        },
                    );
                    default
                }
            },
        }
    }

    fn unread(self) -> Vec<String> {
        self.entries
            .into_iter()
            .filter(|(_, _, read)| !read)
            .map(|(k, _, _)| k)
            .collect()
    }
}
