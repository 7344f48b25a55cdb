//! English proficiency (`credential_type: "english_proficiency"`, `seekpass-api.md` §3.4).

use serde::{Deserialize, Serialize};

use super::{check_partner_chain, Checker, CredentialData, PartnerLink};
use crate::core::credential::CredentialType;

/// `data.credential` of an English proficiency result.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EnglishProficiency {
    /// The test taker's full name.
    #[serde(default)]
    pub full_name: String,
    /// Who ran the test.
    #[serde(default)]
    pub test_provider: String,
    /// Which test.
    #[serde(default)]
    pub test_name: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub completion_date: String,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry_date: Option<String>,
    /// Scores.
    #[serde(default)]
    pub test_scores: Option<TestScores>,
    /// Intermediate partners.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner_chain: Option<Vec<PartnerLink>>,
}

/// The scores of a test.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TestScores {
    /// CEFR levels by skill.
    #[serde(default)]
    pub cefr_scores: Option<CefrScores>,
    /// The overall score on the test's own scale.
    #[serde(default)]
    pub overall: Option<OverallScore>,
    /// Scores by sub-skill.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subskills: Option<Vec<Subskill>>,
}

/// CEFR levels; each optional (the value format is not documented).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CefrScores {
    /// Overall level across skills.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub combined: Option<String>,
    /// Reading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<String>,
    /// Listening.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listening: Option<String>,
    /// Speaking.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaking: Option<String>,
    /// Writing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub writing: Option<String>,
}

/// An overall score with its scale.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OverallScore {
    /// The score, e.g. `7.5`.
    #[serde(default)]
    pub score: String,
    /// The scale, e.g. `0-9`.
    #[serde(default)]
    pub scale: String,
}

/// A sub-skill score.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Subskill {
    /// The sub-skill.
    #[serde(default)]
    pub skill: String,
    /// Its score.
    #[serde(default)]
    pub score: String,
}

impl CredentialData for EnglishProficiency {
    const TYPE: CredentialType = CredentialType::EnglishProficiency;

    fn check(&self, c: &mut Checker) {
        c.text("full_name", &self.full_name);
        c.text("test_provider", &self.test_provider);
        c.text("test_name", &self.test_name);
        c.date(
            "completion_date",
            Some(self.completion_date.as_str()).filter(|d| !d.is_empty()),
            true,
        );
        c.date("expiry_date", self.expiry_date.as_deref(), false);
        c.object("test_scores", self.test_scores.as_ref(), |c, s| {
            c.object("cefr_scores", s.cefr_scores.as_ref(), |c, cefr| {
                c.opt_text("combined", cefr.combined.as_deref());
                c.opt_text("reading", cefr.reading.as_deref());
                c.opt_text("listening", cefr.listening.as_deref());
                c.opt_text("speaking", cefr.speaking.as_deref());
                c.opt_text("writing", cefr.writing.as_deref());
            });
            c.object("overall", s.overall.as_ref(), |c, o| {
                c.text("score", &o.score);
                c.text("scale", &o.scale);
            });
            if let Some(subskills) = &s.subskills {
                c.at("subskills", |c| {
                    c.each(subskills, |c, sk| {
                        c.text("skill", &sk.skill);
                        c.text("score", &sk.score);
                    })
                });
            }
        });
        check_partner_chain(c, self.partner_chain.as_ref());
    }
}
