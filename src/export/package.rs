//! `datapackage.json`: a Frictionless Data Package (v1) describing every
//! file: path, media type, size, SHA-256, and for tables the tabular
//! profile, format, encoding and a schema with a description for every
//! field. Deterministic: its dates are the sources', never the build's.

use serde::Serialize;

use super::{Built, Exporter, Field, File};
use crate::error::Result;

pub(crate) struct Package;

/// The name of the package file; it also keeps the hash of the build's
/// inputs, so that an unchanged story is not rebuilt.
pub const PACKAGE_FILE: &str = "datapackage.json";

#[derive(Serialize)]
struct Resource<'a> {
    name: String,
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    profile: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
    mediatype: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding: Option<&'static str>,
    bytes: usize,
    hash: String,
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    schema: Option<Schema<'a>>,
}

#[derive(Serialize)]
struct Schema<'a> {
    fields: &'a [Field],
    #[serde(rename = "missingValues")]
    missing_values: [&'static str; 1],
}

#[derive(Serialize)]
struct License {
    name: String,
    title: &'static str,
    path: &'static str,
}

#[derive(Serialize)]
struct PackageSource {
    title: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    path: String,
    description: String,
}

#[derive(Serialize)]
struct Descriptor<'a> {
    profile: &'static str,
    name: String,
    title: &'a str,
    description: String,
    version: &'static str,
    licenses: Vec<License>,
    sources: Vec<PackageSource>,
    resources: Vec<Resource<'a>>,
    /// SHA-256 of the build's inputs (ledger, story file, texts, engine
    /// version): a later build with the same inputs has nothing to do.
    newsfigures_inputs: &'a str,
}

/// A package name: lowercase letters, digits, `-`, `_` and `.`.
fn package_name(s: &str) -> String {
    let n: String = s
        .to_lowercase()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if n.is_empty() { "story".into() } else { n }
}

impl Exporter for Package {
    fn files(&self, built: &Built, before: &[File]) -> Result<Vec<File>> {
        let story = built.story;
        let resources = before
            .iter()
            .map(|f| {
                let tabular = f.schema.is_some();
                let format = match f.media_type {
                    "text/csv" => "csv",
                    "application/json" => "json",
                    "text/html" => "html",
                    "text/markdown" => "md",
                    "image/svg+xml" => "svg",
                    "image/png" => "png",
                    _ => "txt",
                };
                let text = !f.media_type.starts_with("image/png");
                Resource {
                    name: f.path.to_lowercase().replace(['/', '.'], "-"),
                    path: &f.path,
                    profile: Some(if tabular {
                        "tabular-data-resource"
                    } else {
                        "data-resource"
                    }),
                    format: Some(format),
                    mediatype: f.media_type,
                    encoding: text.then_some("utf-8"),
                    bytes: f.bytes.len(),
                    hash: format!("sha256:{}", crate::util::sha256(&f.bytes)),
                    description: &f.description,
                    schema: f.schema.as_ref().map(|fields| Schema {
                        fields,
                        missing_values: [""],
                    }),
                }
            })
            .collect();
        let (title, path) = crate::licenses::describe(&story.file.license).unwrap_or(("", ""));
        let package = Descriptor {
            profile: "data-package",
            name: package_name(&story.folder_name()),
            title: &story.file.title,
            description: format!(
                "{}Figures, metrics, findings and charts from {} report{}, computed and checked by newsfigures. The reports' texts are not included: each is cited by its address, and figures quote at most the few words around a number.",
                built
                    .analysis
                    .unresolved
                    .as_ref()
                    .map(|n| format!("{n} "))
                    .unwrap_or_default(),
                story.ledger.sources.len(),
                if story.ledger.sources.len() == 1 { "" } else { "s" }
            ),
            version: env!("CARGO_PKG_VERSION"),
            licenses: vec![License { name: story.file.license.clone(), title, path }],
            sources: story
                .ledger
                .sources
                .iter()
                .map(|s| PackageSource {
                    title: format!("{}, {}: {}", s.outlet, s.date, s.title),
                    path: s.url.clone(),
                    description: if s.has_text() {
                        "Text held by the newsroom outside this package; audited against the figures.".into()
                    } else {
                        "Text not held, so its figures, date and attribution have not been checked against its text.".into()
                    },
                })
                .collect(),
            resources,
            newsfigures_inputs: built.input_hashes.iter().find(|(n, _)| n == INPUTS).map_or("", |(_, h)| h.as_str()),
        };
        Ok(vec![File::new(
            PACKAGE_FILE,
            crate::util::json_bytes(PACKAGE_FILE, &package)?,
            "application/json",
            "This data package",
        )])
    }
}

/// The name, among the input hashes, of the hash of all inputs together.
pub const INPUTS: &str = "all inputs";
