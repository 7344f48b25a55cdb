//! English proficiency (`credential_type: "english_proficiency"`, `seekpass-api.md` §3.4).

use serde::{Deserialize, Serialize};

use super::{check_partner_chain, Checker, CredentialData, PartnerLink};
use crate::core::credential::CredentialType;
use crate::core::wire::{wire_enum, Choice};

wire_enum! {
    /// A level of the Common European Framework of Reference, as the Council of Europe names
    /// them (the Companion Volume's scale, plus levels included). SEEK Pass documents each CEFR
    /// member only as a string: that it must be a level is inferred from the field's name, and
    /// refusing anything else surfaces a test's own band (`"6.5"`) before production does.
    pub enum CefrLevel {
        /// Below A1.
        PreA1 = "Pre-A1",
        /// Breakthrough.
        A1 = "A1",
        /// Waystage.
        A2 = "A2",
        /// Strong waystage.
        A2Plus = "A2+",
        /// Threshold.
        B1 = "B1",
        /// Strong threshold.
        B1Plus = "B1+",
        /// Vantage.
        B2 = "B2",
        /// Strong vantage.
        B2Plus = "B2+",
        /// Effective operational proficiency.
        C1 = "C1",
        /// Mastery.
        C2 = "C2",
    }
}

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

/// CEFR levels by skill; each optional, each a [`CefrLevel`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CefrScores {
    /// Overall level across skills.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub combined: Option<Choice<CefrLevel>>,
    /// Reading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<Choice<CefrLevel>>,
    /// Listening.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listening: Option<Choice<CefrLevel>>,
    /// Speaking.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaking: Option<Choice<CefrLevel>>,
    /// Writing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub writing: Option<Choice<CefrLevel>>,
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
                for (name, level) in [
                    ("combined", &cefr.combined),
                    ("reading", &cefr.reading),
                    ("listening", &cefr.listening),
                    ("speaking", &cefr.speaking),
                    ("writing", &cefr.writing),
                ] {
                    if level.is_some() {
                        c.choice(name, level.as_ref());
                    }
                }
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
