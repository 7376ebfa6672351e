//! Start-up: the call center settings, the adapter configuration and where the CCP starts from.

use std::collections::BTreeMap;

use super::{CcpStatus, ConfigFailure, ConfigOrigin, ConfigStatus, ConfigSummary, Softphone};
use crate::config::AdapterConfig;
use crate::config::{self, CcpConfig};
use crate::host::{Host, Level, SalesforceOp};
use crate::notice::{NoticeKind, Severity};
use crate::settings;

impl Softphone {
    pub(super) fn on_opencti_unavailable(&mut self, host: &mut impl Host) {
        host.log(
            Level::Error,
            "sforce.opencti is not available on this page".into(),
        );
        self.view.opencti_available = false;
        self.salesforce_resolved = true;
        self.settle_ccp(host);
        self.release_early(host);
    }

    pub(super) fn on_config_failed(
        &mut self,
        host: &mut impl Host,
        code: String,
        description: String,
    ) {
        host.log(
            Level::Error,
            format!("runApex {}: {code} {description}", config::APEX_CLASS),
        );
        self.config_failed(host, ConfigFailure::Salesforce { code, description });
    }

    pub(super) fn on_cached_config(
        &mut self,
        host: &mut impl Host,
        call_center: String,
        text: String,
        saved_at_ms: f64,
    ) {
        host.log(
            Level::Info,
            format!("configuration of {call_center} kept from this session"),
        );
        self.cached = Some((call_center, text, saved_at_ms));
        if self.config.is_none() {
            self.use_cached(host);
        }
    }

    pub(super) fn on_boot_address(
        &mut self,
        host: &mut impl Host,
        ccp_url: String,
        region: Option<String>,
    ) {
        self.boot_address = Some(CcpConfig {
            ccp_url,
            region,
            login_url: None,
            login_popup: false,
            medialess: false,
            ringtone_url: None,
        });
        self.settle_ccp(host);
    }

    /// A failed Salesforce call is shown; a failed settings call also means the settings will
    /// not come, so the CCP and the queued events go ahead without them.
    pub(super) fn on_salesforce_failed(
        &mut self,
        host: &mut impl Host,
        operation: SalesforceOp,
        code: String,
        description: String,
    ) {
        host.log(
            Level::Error,
            format!(
                "Open CTI {} failed: {code} {description}",
                operation.as_str()
            ),
        );
        self.notify(
            Severity::Error,
            NoticeKind::SalesforceFailed {
                operation,
                code,
                description,
            },
        );
        if operation == SalesforceOp::GetCallCenterSettings {
            self.salesforce_resolved = true;
            self.settle_ccp(host);
            self.release_early(host);
        }
    }

    pub(super) fn on_settings(&mut self, host: &mut impl Host, map: &BTreeMap<String, String>) {
        let (loaded, problems) = settings::from_call_center(map);
        for problem in problems {
            host.log(
                Level::Error,
                format!(
                    "call center setting {}: {}",
                    problem.key,
                    problem.kind.as_str()
                ),
            );
            self.notify(Severity::Error, NoticeKind::Settings(problem));
        }
        let call_center = loaded.call_center.clone();
        self.settings = Some(loaded);
        if call_center.is_empty() {
            self.config_failed(host, ConfigFailure::NoCallCenter);
        } else {
            host.log(
                Level::Info,
                format!("loading the adapter configuration of {call_center}"),
            );
            host.load_config(&call_center, 0);
        }
    }

    fn call_center(&self) -> Option<&str> {
        self.settings
            .as_ref()
            .map(|s| s.call_center.as_str())
            .filter(|c| !c.is_empty())
    }

    /// Events that need Salesforce context wait until a configuration is in use or Salesforce
    /// has answered (or never will).
    /// Contact and click events can be handled (settings or a configuration, or Salesforce
    /// has answered that neither will come).
    pub(super) fn ready(&self) -> bool {
        self.config.is_some() || self.salesforce_resolved
    }

    pub(super) fn on_config(&mut self, host: &mut impl Host, text: &str, origin: ConfigOrigin) {
        let expected = match origin {
            ConfigOrigin::Salesforce => self.call_center().map(str::to_owned),
            _ => None,
        };
        let parsed = config::parse(text, expected.as_deref());
        for problem in &parsed.problems {
            let level = match problem.severity {
                config::Severity::Error => Level::Error,
                config::Severity::Warning => Level::Warn,
            };
            host.log(
                level,
                format!(
                    "configuration {}: {}",
                    problem.at.path(),
                    problem.kind.as_str()
                ),
            );
        }
        self.view.config.problems = parsed.problems;
        match parsed.config {
            Some(config) => {
                let at = host.epoch_ms();
                host.log(
                    Level::Info,
                    format!(
                        "configuration of {} loaded ({})",
                        config.adapter.call_center_name,
                        origin.as_str()
                    ),
                );
                if origin == ConfigOrigin::Salesforce {
                    self.config_attempts = 0;
                    self.salesforce_resolved = true;
                    let call_center =
                        expected.unwrap_or_else(|| config.adapter.call_center_name.clone());
                    host.save_config(&call_center, text, at);
                    self.cached = Some((call_center, text.to_owned(), at));
                }
                self.apply(host, config, origin, at);
            }
            None if origin == ConfigOrigin::Salesforce => {
                self.config_failed(host, ConfigFailure::Document)
            }
            None => {}
        }
    }

    /// Puts a configuration in use: the CCP starts from it if it has not started yet.
    fn apply(
        &mut self,
        host: &mut impl Host,
        config: AdapterConfig,
        origin: ConfigOrigin,
        at: f64,
    ) {
        let adapter = &config.adapter;
        // Without Open CTI there is no panel to size; the banner already says so.
        if self.view.opencti_available
            && (adapter.softphone_width.is_some() || adapter.softphone_height.is_some())
        {
            host.set_panel_size(adapter.softphone_width, adapter.softphone_height);
        }
        self.view.config.summary = Some(ConfigSummary {
            adapter_id: adapter.id.clone(),
            adapter_name: adapter.name.clone(),
            call_center: adapter.call_center_name.clone(),
            attributes: config.attributes.len(),
            presence_rules: config.presence_rules.len(),
            flows: config.flows.len(),
            popout_enabled: adapter.popout_enabled,
        });
        self.view.config.status = ConfigStatus::Loaded { origin, at_ms: at };
        self.config = Some((config, origin, at));
        self.presence_configured(host);
        self.offer_session_watcher();
        self.refresh_overlays(host);
        self.settle_ccp(host);
        self.release_early(host);
    }

    /// Uses the session's last good configuration, when it is for this call center.
    fn use_cached(&mut self, host: &mut impl Host) {
        let Some((call_center, text, saved_at)) = self.cached.clone() else {
            return;
        };
        if self.call_center().is_some_and(|c| c != call_center) {
            return;
        }
        let problems = std::mem::take(&mut self.view.config.problems);
        let parsed = config::parse(&text, None);
        match parsed.config {
            Some(config) => {
                host.log(
                    Level::Warn,
                    format!("using the configuration of {call_center} kept from this session"),
                );
                if problems.is_empty() {
                    self.view.config.problems = parsed.problems;
                } else {
                    // The failed document's problems are what the admin must fix.
                    self.view.config.problems = problems;
                }
                self.apply(host, config, ConfigOrigin::Session, saved_at);
            }
            None => self.view.config.problems = problems,
        }
    }

    fn config_failed(&mut self, host: &mut impl Host, failure: ConfigFailure) {
        self.config_attempts += 1;
        self.salesforce_resolved = true;
        if self.config.is_none() {
            self.use_cached(host);
        }
        self.presence_start(host);
        let retry_in_ms = match (&failure, self.call_center()) {
            (ConfigFailure::NoCallCenter, _) | (_, None) => None,
            _ => Some(backoff_ms(self.config_attempts)),
        };
        host.log(
            Level::Warn,
            format!(
                "no configuration from Salesforce ({}); attempt {}, next in {} ms",
                failure.as_str(),
                self.config_attempts,
                retry_in_ms.map_or("never".to_owned(), |ms| ms.to_string())
            ),
        );
        self.view.config.status = ConfigStatus::Failing {
            failure,
            using: self.config.as_ref().map(|(_, origin, at)| (*origin, *at)),
            attempts: self.config_attempts,
            retry_in_ms,
        };
        if let (Some(delay), Some(call_center)) =
            (retry_in_ms, self.call_center().map(str::to_owned))
        {
            host.load_config(&call_center, delay);
        }
        self.settle_ccp(host);
        self.release_early(host);
    }

    /// Starts the CCP from the best address known: the configuration, then (once Salesforce has
    /// answered) the call center settings, then the page's boot address.
    pub(super) fn settle_ccp(&mut self, host: &mut impl Host) {
        let from_config = self
            .config
            .as_ref()
            .and_then(|(config, _, _)| config.adapter.ccp.clone());
        let from_settings = self
            .settings
            .as_ref()
            .filter(|_| self.salesforce_resolved)
            .and_then(|s| {
                s.ccp_url.clone().map(|ccp_url| CcpConfig {
                    ccp_url,
                    region: s.region.clone(),
                    login_url: s.login_url.clone(),
                    login_popup: false,
                    medialess: false,
                    ringtone_url: None,
                })
            });
        match &self.ccp_started {
            Some(started) => {
                if let Some(wanted) = from_config
                    && wanted != *started
                    && !self.reload_noticed
                {
                    host.log(
                        Level::Warn,
                        format!(
                            "the CCP runs with {}; the configuration now says {}",
                            started.summary(),
                            wanted.summary()
                        ),
                    );
                    self.reload_noticed = true;
                    self.notify(Severity::Warning, NoticeKind::ConfigNeedsReload);
                }
            }
            None => match from_config
                .or(from_settings)
                .or_else(|| self.boot_address.clone())
            {
                Some(ccp) => {
                    host.log(Level::Info, format!("starting the CCP at {}", ccp.ccp_url));
                    host.start_ccp(&ccp);
                    self.view.ccp_config = Some(ccp.clone());
                    self.ccp_started = Some(ccp);
                    if matches!(
                        self.view.ccp,
                        CcpStatus::LoadingSettings | CcpStatus::NotConfigured
                    ) {
                        self.view.ccp = CcpStatus::Connecting;
                    }
                }
                None if self.salesforce_resolved => {
                    self.view.ccp = CcpStatus::NotConfigured;
                    if self.view.opencti_available && !self.no_address_noticed {
                        self.no_address_noticed = true;
                        self.notify(Severity::Error, NoticeKind::NoCcpAddress);
                    }
                }
                None => {}
            },
        }
    }

    /// Handles the events queued while waiting for settings (also when they will never come).
    pub(super) fn release_early(&mut self, host: &mut impl Host) {
        if !self.ready() {
            return;
        }
        self.release_flows(host);
        // Ready now, so `handle` runs each at once. Without Salesforce (no settings, no
        // configuration) the contact is still shown; `trigger` runs no flow for it.
        for event in std::mem::take(&mut self.early) {
            self.handle(host, event);
        }
    }
}

/// Waiting time before configuration attempt `attempt` (1-based): 2 s, doubling, at most 5 min.
fn backoff_ms(attempt: u32) -> u32 {
    2_000u32
        .saturating_mul(1 << attempt.saturating_sub(1).min(16))
        .min(300_000)
}
