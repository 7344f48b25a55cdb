//! Learning and development (`credential_type: "microcredential"`, `seekpass-api.md` §3.5).

use serde::{Deserialize, Serialize};

use super::{check_partner_chain, Checker, CredentialData, PartnerLink};
use crate::core::credential::CredentialType;

/// `data.credential` of a microcredential.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Microcredential {
    /// The learner's full name.
    #[serde(default)]
    pub full_name: String,
    /// Who issued it.
    #[serde(default)]
    pub issuer_name: String,
    /// What it is called.
    #[serde(default)]
    pub microcredential_name: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub issue_date: String,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry_date: Option<String>,
    /// Free text such as `85%` or `Pass`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment_result: Option<String>,
    /// Intermediate partners.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner_chain: Option<Vec<PartnerLink>>,
}

impl CredentialData for Microcredential {
    const TYPE: CredentialType = CredentialType::Microcredential;

    fn check(&self, c: &mut Checker) {
        c.text("full_name", &self.full_name);
        c.text("issuer_name", &self.issuer_name);
        c.text("microcredential_name", &self.microcredential_name);
        c.date(
            "issue_date",
            Some(self.issue_date.as_str()).filter(|d| !d.is_empty()),
            true,
        );
        c.date("expiry_date", self.expiry_date.as_deref(), false);
        c.opt_text("assessment_result", self.assessment_result.as_deref());
        check_partner_chain(c, self.partner_chain.as_ref());
    }
}
