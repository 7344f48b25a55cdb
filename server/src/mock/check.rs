//! Walks a request body against the documented tables of [`super::schema`], collecting every
//! problem with its path; values are never quoted, so a problem list is safe to log.

use serde_json::{Map, Value};

use super::schema::{Field, Kind, CEFR_LEVELS, PARTNER_LINK};

/// A problem with a request body: the field path and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Dotted path, `[i]` for array items; empty for the whole body.
    pub path: String,
    /// What is wrong.
    pub rule: &'static str,
}

/// Collects problems while walking a document.
#[derive(Default)]
pub struct Report {
    /// Problems found, in document order.
    pub problems: Vec<Problem>,
}

impl Report {
    /// Records `rule` at `path`.
    pub fn fail(&mut self, path: &str, rule: &'static str) {
        self.problems.push(Problem {
            path: path.to_owned(),
            rule,
        });
    }

    /// Checks `value` (at `path`) as an object with exactly the documented `fields`.
    pub fn object(&mut self, path: &str, value: &Value, fields: &[Field]) {
        let Some(map) = value.as_object() else {
            return self.fail(path, "not_an_object");
        };
        for key in map.keys() {
            if !fields.iter().any(|f| f.0 == key) {
                self.fail(&join(path, key), "unknown_field");
            }
        }
        for Field(name, required, kind) in fields {
            match map.get(*name) {
                None if *required => self.fail(&join(path, name), "required"),
                None => {}
                Some(v) => self.value(&join(path, name), v, *kind),
            }
        }
        check_rules(self, path, map);
    }

    /// Checks `v` (at `path`) as one documented `kind`.
    pub fn value(&mut self, path: &str, v: &Value, kind: Kind) {
        let ok = match kind {
            Kind::Str => v.as_str().is_some_and(|s| !s.trim().is_empty()),
            Kind::StrOrNull => v.is_null() || v.is_string(),
            Kind::Date => v.as_str().is_some_and(is_date),
            Kind::DateOrNull => v.is_null() || v.as_str().is_some_and(is_date),
            Kind::YearOrNull => v.is_null() || v.as_str().is_some_and(is_year),
            Kind::YearOrDate => v.as_str().is_some_and(|s| is_year(s) || is_date(s)),
            Kind::Bool => v.is_boolean(),
            Kind::Strings => v.as_array().is_some_and(|a| a.iter().all(Value::is_string)),
            Kind::OneOf(allowed) => v.as_str().is_some_and(|s| allowed.contains(&s)),
            Kind::Object(fields) => return self.object(path, v, fields),
            Kind::Objects(fields) => return self.objects(path, v, fields),
            Kind::Cefr => v.as_str().is_some_and(|s| CEFR_LEVELS.contains(&s)),
            Kind::PartnerChain => {
                if v.is_null() {
                    return;
                }
                return self.objects(path, v, PARTNER_LINK);
            }
        };
        if !ok {
            self.fail(path, "invalid");
        }
    }

    /// Checks `value` as an array of objects with the documented `fields`.
    pub fn objects(&mut self, path: &str, v: &Value, fields: &[Field]) {
        let Some(items) = v.as_array() else {
            return self.fail(path, "not_an_array");
        };
        for (i, item) in items.iter().enumerate() {
            self.object(&format!("{path}[{i}]"), item, fields);
        }
    }

    /// Checks a credential against the first of `tables` it matches (one table, or the two
    /// documented digital identity schemas).
    pub fn credential(&mut self, path: &str, v: &Value, tables: &[&[Field]]) {
        let mut best: Option<Report> = None;
        for table in tables {
            let mut r = Report::default();
            r.object(path, v, table);
            if best
                .as_ref()
                .is_none_or(|b| r.problems.len() < b.problems.len())
            {
                best = Some(r);
            }
        }
        if let Some(b) = best {
            self.problems.extend(b.problems);
        }
    }
}

/// Rules across fields that the tables cannot express.
fn check_rules(r: &mut Report, path: &str, map: &Map<String, Value>) {
    // Education: `conferral_year` is required unless awaiting graduation.
    if map.contains_key("education_provider") {
        let awaiting = map.get("awaiting_graduation") == Some(&Value::Bool(true));
        let year = map.get("conferral_year").and_then(Value::as_str);
        if !awaiting && year.is_none() {
            r.fail(&join(path, "conferral_year"), "required");
        }
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && (1..=12).contains(&s[5..7].parse::<u8>().unwrap_or(0))
        && (1..=31).contains(&s[8..10].parse::<u8>().unwrap_or(0))
}

fn is_year(s: &str) -> bool {
    s.len() == 4 && s.bytes().all(|c| c.is_ascii_digit())
}
