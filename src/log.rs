//! The in-page log: a bounded list of timestamped lines the agent can read and download.

use std::collections::VecDeque;

use engine::Level;

use crate::bindings::browser;

/// Lines kept; older ones are dropped (a shift of busy traffic stays well under this).
const CAPACITY: usize = 5_000;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct LogBook {
    lines: VecDeque<LogLine>,
    /// Lines dropped for space, reported in the download so nothing vanishes silently.
    dropped: u64,
    next_id: u64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LogLine {
    pub id: u64,
    /// Wall-clock ms since the epoch: a number per line, formatted only when the log is shown
    /// or saved (formatting takes five calls into JavaScript and a `Date`).
    pub time_ms: f64,
    pub level: Level,
    pub message: String,
}

impl LogLine {
    /// `HH:MM:SS.mmm`, local time.
    pub fn time(&self) -> String {
        browser::clock_text(self.time_ms)
    }
}

impl LogBook {
    pub fn push(&mut self, level: Level, message: String) {
        if self.lines.len() == CAPACITY {
            self.lines.pop_front();
            self.dropped += 1;
        }
        self.next_id += 1;
        self.lines.push_back(LogLine {
            id: self.next_id,
            time_ms: browser::epoch_ms(),
            level,
            message,
        });
    }

    pub fn lines(&self) -> impl DoubleEndedIterator<Item = &LogLine> {
        self.lines.iter()
    }

    pub fn clear(&mut self) {
        self.dropped += self.lines.len() as u64;
        self.lines.clear();
    }

    /// The whole log as text, newest last.
    pub fn to_text(&self) -> String {
        let mut text = format!(
            "ctisoftphone {} log, saved {}\n",
            env!("CARGO_PKG_VERSION"),
            browser::iso_now()
        );
        if self.dropped > 0 {
            text.push_str(&format!("({} earlier lines not kept)\n", self.dropped));
        }
        for line in &self.lines {
            text.push_str(&format!(
                "{} {:5} {}\n",
                line.time(),
                line.level.as_str(),
                line.message
            ));
        }
        text
    }
}
