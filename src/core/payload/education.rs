//! Education qualification (`credential_type: "education"`, `seekpass-api.md` §3.3).

use serde::{Deserialize, Serialize};

use super::{check_partner_chain, is_date, is_year, Checker, CredentialData, PartnerLink, Rule};
use crate::core::credential::CredentialType;

/// `data.credential` of an education qualification.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Education {
    /// The learner's full name.
    #[serde(default)]
    pub full_name: String,
    /// The institution that conferred the qualification.
    #[serde(default)]
    pub education_provider: String,
    /// The course, e.g. `Bachelor of Commerce`.
    #[serde(default)]
    pub course_name: String,
    /// `YYYY`; `null` while awaiting graduation.
    #[serde(default)]
    pub conferral_year: Option<String>,
    /// Requirements met, conferral pending ("graduand").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub awaiting_graduation: Option<bool>,
    /// Whether `majors` is meaningful.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_majors: Option<bool>,
    /// Majors studied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub majors: Option<Vec<String>>,
    /// Conferred with honours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_honours: Option<bool>,
    /// Academic transcript.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transcript: Option<Transcript>,
    /// Intermediate partners.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner_chain: Option<Vec<PartnerLink>>,
}

/// An academic transcript.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Transcript {
    /// Overall result.
    #[serde(default)]
    pub overall: Option<TranscriptOverall>,
    /// Subjects taken.
    #[serde(default)]
    pub subjects: Option<Vec<Subject>>,
}

/// The overall part of a transcript.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TranscriptOverall {
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub issuance_date: String,
    /// Overall score, free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<String>,
}

/// One subject on a transcript.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Subject {
    /// Subject name.
    #[serde(default)]
    pub name: String,
    /// Subject code.
    #[serde(default)]
    pub code: String,
    /// Credit points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    /// Score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<String>,
    /// Grade, e.g. `High Distinction`.
    #[serde(default)]
    pub grade: String,
    /// `YYYY` or `YYYY-MM-DD`.
    #[serde(default)]
    pub completion_date: String,
}

impl CredentialData for Education {
    const TYPE: CredentialType = CredentialType::Education;

    fn check(&self, c: &mut Checker) {
        c.text("full_name", &self.full_name);
        c.text("education_provider", &self.education_provider);
        c.text("course_name", &self.course_name);
        let awaiting = self.awaiting_graduation == Some(true);
        match (&self.conferral_year, awaiting) {
            (Some(_), true) => c.fail("conferral_year", Rule::NotAllowed),
            (Some(y), false) if !is_year(y) => c.fail("conferral_year", Rule::Year),
            (None, false) => c.fail("conferral_year", Rule::Required),
            _ => {}
        }
        if let Some(majors) = &self.majors {
            c.at("majors", |c| c.each(majors, |c, m| c.text("", m)));
        }
        if let Some(t) = &self.transcript {
            c.at("transcript", |c| t.check(c));
        }
        check_partner_chain(c, self.partner_chain.as_ref());
    }
}

impl Transcript {
    fn check(&self, c: &mut Checker) {
        c.object("overall", self.overall.as_ref(), |c, o| {
            c.date(
                "issuance_date",
                Some(&o.issuance_date)
                    .filter(|d| !d.is_empty())
                    .map(|d| d.as_str()),
                true,
            );
            c.opt_text("score", o.score.as_deref());
        });
        c.object("subjects", self.subjects.as_ref(), |c, subjects| {
            c.each(subjects, |c, s| {
                c.text("name", &s.name);
                c.text("code", &s.code);
                c.opt_text("credit", s.credit.as_deref());
                c.opt_text("score", s.score.as_deref());
                c.text("grade", &s.grade);
                if s.completion_date.is_empty() {
                    c.fail("completion_date", Rule::Required);
                } else if !is_year(&s.completion_date) && !is_date(&s.completion_date) {
                    c.fail("completion_date", Rule::YearOrDate);
                }
            })
        });
    }
}
