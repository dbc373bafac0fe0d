//! `audit.json`: every number in every text and what accounts for it, the
//! quotations and attributions checked, and what the audit covered.

use super::{Built, Exporter, File};
use crate::error::Result;

pub(crate) struct AuditJson;

/// The name of the audit file, which a later build reads back when a text
/// is missing.
pub const AUDIT_FILE: &str = "audit.json";

impl Exporter for AuditJson {
    fn files(&self, built: &Built, _: &[File]) -> Result<Vec<File>> {
        Ok(vec![File::new(
            AUDIT_FILE,
            crate::util::json_bytes(AUDIT_FILE, &built.analysis.audit)?,
            "application/json",
            "Every number in each source text and what accounts for it; the quotations and attributions checked against the texts",
        )])
    }
}
