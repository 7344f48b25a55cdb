//! Validation plumbing: field paths, rules, and errors that never echo a value.

use std::fmt;

use crate::core::retry_after::days_in_month;
use crate::core::wire::{wire_enum, Choice, WireEnum};

/// Longest free-text field accepted, in bytes (the docs give no limit; this keeps payloads sane).
pub const MAX_TEXT_LEN: usize = 1_000;
/// Longest `document` accepted, in bytes (an OpenCerts document can be large).
pub const MAX_DOCUMENT_LEN: usize = 1 << 20;
/// Longest partner `id` accepted.
pub const MAX_ID_LEN: usize = 128;

wire_enum! {
    /// The rule a field broke.
    pub enum Rule {
        /// Missing, null or empty.
        Required = "required",
        /// Must be absent or null here.
        NotAllowed = "not_allowed",
        /// Not a `YYYY` year.
        Year = "year",
        /// Not a real `YYYY-MM-DD` date.
        Date = "date",
        /// Not a `YYYY` year or a `YYYY-MM-DD` date.
        YearOrDate = "year_or_date",
        /// Not one of the allowed values.
        Enum = "enum",
        /// Not 1 to 128 of `A-Z a-z 0-9 _ -`.
        Id = "id",
        /// Not an `https://` URL.
        Url = "url",
        /// Longer than allowed.
        TooLong = "too_long",
        /// Appears more than once where it must be unique.
        Duplicate = "duplicate",
    }
}

/// One broken rule, located by a JSON path such as `data.credential.conferral_year`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Dotted path, with `[i]` for array items.
    pub path: String,
    /// The rule broken.
    pub rule: Rule,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.rule)
    }
}

/// Every rule a payload broke, in document order. Non-empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationErrors(pub Vec<FieldError>);

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

/// Walks a payload, tracking the path and collecting errors.
#[derive(Debug, Default)]
pub struct Checker {
    path: String,
    errors: Vec<FieldError>,
}

impl Checker {
    /// Runs `f` with `name` appended to the path.
    pub fn at(&mut self, name: &str, f: impl FnOnce(&mut Checker)) {
        let len = self.path.len();
        if !self.path.is_empty() && !name.is_empty() {
            self.path.push('.');
        }
        self.path.push_str(name);
        f(self);
        self.path.truncate(len);
    }

    /// Runs `f` for each item with `[i]` appended to the path.
    pub fn each<'a, T>(&mut self, items: &'a [T], mut f: impl FnMut(&mut Checker, &'a T)) {
        for (i, item) in items.iter().enumerate() {
            let len = self.path.len();
            self.path.push_str(&format!("[{i}]"));
            f(self, item);
            self.path.truncate(len);
        }
    }

    /// Records a broken rule at `name` below the current path.
    pub fn fail(&mut self, name: &str, rule: Rule) {
        self.at(name, |c| {
            c.errors.push(FieldError {
                path: c.path.clone(),
                rule,
            })
        });
    }

    /// A required object: checked with `f` when present, `required` when absent.
    pub fn object<T>(&mut self, name: &str, value: Option<&T>, f: impl FnOnce(&mut Checker, &T)) {
        match value {
            Some(v) => self.at(name, |c| f(c, v)),
            None => self.fail(name, Rule::Required),
        }
    }

    /// A required non-empty string.
    pub fn text(&mut self, name: &str, value: &str) {
        if value.trim().is_empty() {
            self.fail(name, Rule::Required);
        } else if value.len() > MAX_TEXT_LEN {
            self.fail(name, Rule::TooLong);
        }
    }

    /// An optional string; when present it must be non-empty and not too long.
    pub fn opt_text(&mut self, name: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.text(name, v);
        }
    }

    /// An optional date; `required` makes absence an error.
    pub fn date(&mut self, name: &str, value: Option<&str>, required: bool) {
        match value {
            Some(v) if !is_date(v) => self.fail(name, Rule::Date),
            None if required => self.fail(name, Rule::Required),
            _ => {}
        }
    }

    /// A required enum; returns the known value.
    pub fn choice<T: WireEnum>(&mut self, name: &str, value: Option<&Choice<T>>) -> Option<T> {
        match value {
            Some(Choice::Known(v)) => Some(*v),
            Some(Choice::Unknown) => {
                self.fail(name, Rule::Enum);
                None
            }
            None => {
                self.fail(name, Rule::Required);
                None
            }
        }
    }

    /// A partner id: 1 to 128 of `A-Z a-z 0-9 _ -` (so it is safe in URLs and logs).
    pub fn id(&mut self, name: &str, value: &str) {
        if value.is_empty() {
            self.fail(name, Rule::Required);
        } else if !is_id(value) {
            self.fail(name, Rule::Id);
        }
    }

    /// The collected errors, if any.
    pub fn finish(self) -> Result<(), ValidationErrors> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors(self.errors))
        }
    }
}

/// Whether `s` is a partner id under our rule.
pub fn is_id(s: &str) -> bool {
    (1..=MAX_ID_LEN).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Whether `s` is `YYYY` (1000–9999).
pub fn is_year(s: &str) -> bool {
    s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) && !s.starts_with('0')
}

/// Whether `s` is a real calendar date `YYYY-MM-DD`.
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || !s.is_ascii() || b[4] != b'-' || b[7] != b'-' || !is_year(&s[..4]) {
        return false;
    }
    let two = |i: usize| -> Option<u64> {
        let (x, y) = (b[i], b[i + 1]);
        (x.is_ascii_digit() && y.is_ascii_digit())
            .then(|| u64::from(x - b'0') * 10 + u64::from(y - b'0'))
    };
    let (Some(month), Some(day)) = (two(5), two(8)) else {
        return false;
    };
    let year = s[..4].parse::<u64>().unwrap_or(0);
    (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)
}
