//! Batch output: every file newsfigures publishes, built in memory from the
//! ledger and written all at once.
//!
//! [`outputs`] makes the files; [`write_atomically`] puts them in place so
//! that a failed or killed build leaves the previous folder exactly as it
//! was; [`check`] compares them with a folder byte for byte. Every file is
//! deterministic: no timestamps, no machine paths, no hash-map order.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::charts::{self, Chart};
use crate::error::{Error, Result};
use crate::ledger::Ledger;
use crate::report::{self, Report};
use crate::{audit, checks, metrics, tables};

/// A column of a published table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    /// Column name.
    pub name: String,
    /// Frictionless type: string, number, integer or boolean.
    #[serde(rename = "type")]
    pub kind: String,
    /// What the column holds.
    pub description: String,
}

/// One file of the output, held in memory until it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct File {
    /// Path inside the output folder, with `/` separators.
    pub path: String,
    /// The contents.
    pub bytes: Vec<u8>,
    /// IANA media type.
    pub media_type: &'static str,
    /// What the file holds.
    pub description: String,
    /// For tables, their columns.
    pub schema: Option<Vec<Field>>,
}

impl File {
    fn new(
        path: impl Into<String>,
        bytes: Vec<u8>,
        media_type: &'static str,
        description: impl Into<String>,
    ) -> File {
        File {
            path: path.into(),
            bytes,
            media_type,
            description: description.into(),
            schema: None,
        }
    }

    pub(crate) fn table(
        path: String,
        bytes: Vec<u8>,
        media_type: &'static str,
        description: String,
        fields: Vec<Field>,
    ) -> File {
        File {
            path,
            bytes,
            media_type,
            description,
            schema: Some(fields),
        }
    }
}

/// `sha256` of some bytes, as lowercase hex.
pub fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The four files of each chart under `charts/`: SVG, PNG, alt text and the
/// data drawn.
pub fn chart_files(charts: &[Chart]) -> Result<Vec<File>> {
    // Rasterising is most of a build's time: one thread per chart.
    let pngs: Vec<Result<Vec<u8>>> = std::thread::scope(|s| {
        let handles: Vec<_> = charts.iter().map(|c| s.spawn(|| c.png())).collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("rendering does not panic"))
            .collect()
    });
    let mut files = Vec::new();
    for (c, png) in charts.iter().zip(pngs) {
        let id = &c.id;
        files.push(File::new(
            format!("charts/{id}.svg"),
            c.svg.clone().into_bytes(),
            "image/svg+xml",
            format!("Chart: {}", c.title),
        ));
        files.push(File::new(
            format!("charts/{id}.png"),
            png?,
            "image/png",
            format!("Chart {id} at twice its size, rendered from the SVG"),
        ));
        files.push(File::new(
            format!("charts/{id}.alt.txt"),
            format!("{}\n", c.alt).into_bytes(),
            "text/plain",
            format!("Alt text of chart {id}"),
        ));
        files.push(File::table(
            format!("charts/{id}.csv"),
            c.data_csv()?.into_bytes(),
            "text/csv",
            format!("The numbers drawn in chart {id}"),
            c.data
                .columns()
                .iter()
                .map(|col| Field {
                    name: col.name().to_string(),
                    kind: if col.dtype().is_primitive_numeric() {
                        "number"
                    } else {
                        "string"
                    }
                    .to_string(),
                    description: String::new(),
                })
                .collect(),
        ));
    }
    Ok(files)
}

/// Reads the text of the ledger's first source.
fn source_text(ledger: &Ledger, text_override: Option<&Path>) -> Result<String> {
    let source = ledger.sources.first().ok_or_else(|| {
        Error::data(
            crate::Location::file(ledger.dir.join("sources.csv")),
            "expected at least one source",
        )
    })?;
    let path = text_override
        .map(Path::to_path_buf)
        .unwrap_or_else(|| ledger.text_path(source));
    audit::read_text(&path)
}

/// A build: every file to publish, and the audit it publishes (so callers
/// can report its problems without reading `audit.json` back).
#[derive(Debug, Clone, PartialEq)]
pub struct Outputs {
    /// Every output file, in a fixed order.
    pub files: Vec<File>,
    /// The audit of the source text.
    pub audit: audit::Audit,
}

/// Every output file, in a fixed order, from the ledger and the source text
/// (read from the ledger's `text_path` unless `text` is given).
pub fn outputs(ledger: &Ledger, text: Option<&Path>) -> Result<Outputs> {
    let metrics = metrics::compute(ledger)?;
    let findings = checks::run(ledger)?;
    let text = source_text(ledger, text)?;
    let source = &ledger.sources[0];
    let audit = audit::run(ledger, source, &text);
    let charts = charts::all(ledger)?;

    let mut hashes: Vec<(String, String)> = ledger
        .hashes
        .iter()
        .map(|(name, hash)| (format!("data/{name}"), hash.clone()))
        .collect();
    hashes.push((
        format!("source text ({})", source.id),
        sha256(text.as_bytes()),
    ));

    let mut files = chart_files(&charts)?;
    files.extend(tables::files(ledger, &metrics, &findings)?);
    let audit_json = serde_json::to_string_pretty(&audit)
        .map_err(|e| Error::io("audit.json", std::io::Error::other(e)))?
        + "\n";
    files.push(File::new(
        "audit.json",
        audit_json.into_bytes(),
        "application/json",
        "Every number in the source text and what accounts for it",
    ));
    let r = Report {
        ledger,
        metrics: &metrics,
        findings: &findings,
        audit: &audit,
        charts: &charts,
        hashes,
    };
    files.push(File::new(
        "methodology.md",
        report::markdown::render(&r).into_bytes(),
        "text/markdown",
        "Methodology report (Markdown)",
    ));
    files.push(File::new(
        "methodology.html",
        report::html::render(&r).into_bytes(),
        "text/html",
        "Methodology report (HTML, self-contained)",
    ));
    files.push(datapackage(&files)?);
    Ok(Outputs { files, audit })
}

#[derive(Serialize)]
struct Resource<'a> {
    name: String,
    path: &'a str,
    mediatype: &'a str,
    bytes: usize,
    hash: String,
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    schema: Option<Schema<'a>>,
}

#[derive(Serialize)]
struct Schema<'a> {
    fields: &'a [Field],
}

#[derive(Serialize)]
struct Package<'a> {
    profile: &'static str,
    name: &'static str,
    title: &'static str,
    version: &'static str,
    resources: Vec<Resource<'a>>,
}

/// `datapackage.json`: a Frictionless Data Package describing every file.
fn datapackage(files: &[File]) -> Result<File> {
    let resources = files
        .iter()
        .map(|f| Resource {
            name: f.path.to_lowercase().replace(['/', '.'], "-"),
            path: &f.path,
            mediatype: f.media_type,
            bytes: f.bytes.len(),
            hash: format!("sha256:{}", sha256(&f.bytes)),
            description: &f.description,
            schema: f.schema.as_ref().map(|fields| Schema { fields }),
        })
        .collect();
    let package = Package {
        profile: "data-package",
        name: "newsfigures",
        title: "Figures, metrics, findings and charts from a press report dated 2024-12-03",
        version: env!("CARGO_PKG_VERSION"),
        resources,
    };
    let json = serde_json::to_string_pretty(&package)
        .map_err(|e| Error::io("datapackage.json", std::io::Error::other(e)))?
        + "\n";
    Ok(File::new(
        "datapackage.json",
        json.into_bytes(),
        "application/json",
        "This data package",
    ))
}

/// A file that differs between a build and a folder.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Difference {
    /// In both, with different bytes.
    Changed(String),
    /// Built, but not in the folder.
    Missing(String),
    /// In the folder, but not built.
    Extra(String),
}

impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Difference::Changed(p) => write!(f, "differs  {p}"),
            Difference::Missing(p) => write!(f, "missing  {p}"),
            Difference::Extra(p) => write!(f, "extra    {p}"),
        }
    }
}

/// Every file under `dir`, as `/`-separated relative paths.
fn list(dir: &Path) -> Result<BTreeSet<String>> {
    let mut out = BTreeSet::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let here = dir.join(&rel);
        for entry in std::fs::read_dir(&here).map_err(|e| Error::io(&here, e))? {
            let entry = entry.map_err(|e| Error::io(&here, e))?;
            let rel = rel.join(entry.file_name());
            if entry.path().is_dir() {
                stack.push(rel);
            } else {
                let parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.insert(parts.join("/"));
            }
        }
    }
    Ok(out)
}

/// Compares built files with the folder `dir`, byte for byte.
pub fn check(dir: &Path, files: &[File]) -> Result<Vec<Difference>> {
    let present = if dir.is_dir() {
        list(dir)?
    } else {
        BTreeSet::new()
    };
    let mut out = Vec::new();
    for f in files {
        if !present.contains(&f.path) {
            out.push(Difference::Missing(f.path.clone()));
        } else {
            let path = dir.join(&f.path);
            let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
            if bytes != f.bytes {
                out.push(Difference::Changed(f.path.clone()));
            }
        }
    }
    let built: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    out.extend(
        present
            .iter()
            .filter(|p| !built.contains(p.as_str()))
            .map(|p| Difference::Extra(p.clone())),
    );
    out.sort();
    Ok(out)
}

/// Writes files into `dir`, creating folders as needed.
pub fn write_into(dir: &Path, files: &[File]) -> Result<()> {
    let fault = Fault::from_env();
    for (i, f) in files.iter().enumerate() {
        fault.before_write(i)?;
        let path = dir.join(&f.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&path, &f.bytes).map_err(|e| Error::io(&path, e))?;
    }
    Ok(())
}

/// Writes `files` as the whole content of `dir`, all or nothing.
///
/// They go first into a new folder beside `dir` (`.NAME.building-PID`), which
/// then takes `dir`'s place in one atomic exchange; the old content is then
/// removed. If anything fails, or the process is killed, `dir` is untouched;
/// leftovers of a killed build are removed by the next one.
pub fn write_atomically(dir: &Path, files: &[File]) -> Result<()> {
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    remove_leftovers(&parent, &name)?;
    let staging = parent.join(format!(".{name}.building-{}", std::process::id()));
    let result = write_into(&staging, files).and_then(|()| swap_in(&staging, dir));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

/// Removes staging folders that killed builds left beside `name`.
fn remove_leftovers(parent: &Path, name: &str) -> Result<()> {
    let prefix = format!(".{name}.building-");
    for entry in std::fs::read_dir(parent)
        .map_err(|e| Error::io(parent, e))?
        .flatten()
    {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let path = entry.path();
            std::fs::remove_dir_all(&path).map_err(|e| Error::io(&path, e))?;
        }
    }
    Ok(())
}

/// Puts `staging` in `dir`'s place.
fn swap_in(staging: &Path, dir: &Path) -> Result<()> {
    if !dir.exists() {
        return std::fs::rename(staging, dir).map_err(|e| Error::io(dir, e));
    }
    exchange(staging, dir).map_err(|e| Error::io(dir, e))?;
    // `staging` now holds the previous output.
    std::fs::remove_dir_all(staging).map_err(|e| Error::io(staging, e))
}

/// Swaps two paths in one step (Linux `renameat2` with `RENAME_EXCHANGE`), so
/// there is no moment when `dir` is missing or half-written.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let ca = CString::new(a.as_os_str().as_bytes())?;
    let cb = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both are valid NUL-terminated paths for the duration of the call.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Elsewhere: move the old folder aside, then the new one in.
#[cfg(not(target_os = "linux"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    let aside = a.with_extension("previous");
    std::fs::rename(b, &aside)?;
    std::fs::rename(a, b)?;
    std::fs::rename(&aside, a)
}

/// A fault injected by the tests through `NEWSFIGURES_FAULT`: `kill:N`
/// kills the process with SIGKILL before the N-th file is written (a build
/// killed midway), `error:N` fails there with an I/O error (a full disk).
struct Fault(Option<(bool, usize)>);

impl Fault {
    fn from_env() -> Fault {
        let spec = std::env::var("NEWSFIGURES_FAULT").unwrap_or_default();
        let parsed = spec
            .split_once(':')
            .and_then(|(kind, n)| Some((kind == "kill", n.parse().ok()?)));
        Fault(parsed)
    }

    fn before_write(&self, i: usize) -> Result<()> {
        match self.0 {
            Some((true, n)) if i == n => {
                // SAFETY: sending a signal to this process has no memory effects.
                unsafe { libc::kill(libc::getpid(), libc::SIGKILL) };
                unreachable!("SIGKILL ends the process")
            }
            Some((false, n)) if i == n => Err(Error::io(
                "output",
                std::io::Error::new(
                    std::io::ErrorKind::StorageFull,
                    "no space left on device (injected)",
                ),
            )),
            _ => Ok(()),
        }
    }
}
