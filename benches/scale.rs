//! How newsfigures scales: a synthetic ledger of N figures (the fictional
//! story's rows plus N generated ones, one metric and one relation per ten
//! figures), loaded and computed as `newsfigures metrics` and `checks` do;
//! a 10 MB text audited; an archive of small stories built and rebuilt.
//!
//!     cargo bench --bench scale                 # 10^4 and 10^5 figures, 10 MB, 1,000 stories
//!     cargo bench --bench scale -- 10000 100000 # chosen sizes only
//!
//! Each size runs in a child process of its own, so that its peak memory
//! (the kernel's high-water mark of its resident set) is its own. Targets,
//! release build: 100,000 figures loaded, with metrics and checks, in 2 s,
//! and in at most 15 times the time of 10,000 (linear).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn fixture() -> PathBuf {
    Path::new(&std::env::var_os("CARGO_MANIFEST_DIR").expect("run through cargo bench"))
        .join("tests/fixtures/fictional-budget")
}

/// Writes a story folder with the fixture's sources, story file and
/// ledger, plus `n` generated figures, `n / 10` metrics and `n / 10`
/// relations (five parts against a total).
fn synthetic(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).unwrap();
    for f in [
        "sources.csv",
        "exclusions.csv",
        "story.toml",
        "source.txt",
        "source.ur.txt",
    ] {
        std::fs::copy(fixture().join(f), dir.join(f)).unwrap();
    }
    let mut figures =
        std::io::BufWriter::new(std::fs::File::create(dir.join("figures.csv")).unwrap());
    figures
        .write_all(&std::fs::read(fixture().join("figures.csv")).unwrap())
        .unwrap();
    for i in 0..n {
        writeln!(
            figures,
            "g{i},harbourton_en,7,{v},{v},count,things,Generated figure {i},,,,,,,,,,,,,,",
            v = 1 + i % 997
        )
        .unwrap();
    }
    figures.flush().unwrap();
    let mut metrics =
        std::io::BufWriter::new(std::fs::File::create(dir.join("metrics.csv")).unwrap());
    metrics
        .write_all(&std::fs::read(fixture().join("metrics.csv")).unwrap())
        .unwrap();
    for m in 0..n / 10 {
        writeln!(
            metrics,
            "m{m},Generated share,g{} + g{},g{},ratio,percent,,,,",
            10 * m,
            10 * m + 1,
            10 * m + 2
        )
        .unwrap();
    }
    metrics.flush().unwrap();
    let mut relations =
        std::io::BufWriter::new(std::fs::File::create(dir.join("relations.csv")).unwrap());
    relations
        .write_all(&std::fs::read(fixture().join("relations.csv")).unwrap())
        .unwrap();
    for r in 0..n / 10 {
        let b = 10 * r + 3;
        writeln!(
            relations,
            "r{r},Generated parts,g{} + g{} + g{} + g{} + g{},=,g{},things,",
            b,
            b + 1,
            b + 2,
            b + 3,
            b + 4,
            b + 5
        )
        .unwrap();
    }
    relations.flush().unwrap();
}

/// The process's peak resident memory in MB, from `/proc/self/status`
/// (0 where there is none).
fn max_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// In the child: load, compute metrics and checks, print the times.
fn child_ledger(dir: &Path) {
    let t = Instant::now();
    let story = newsfigures::Story::load(dir).unwrap();
    let load = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let metrics = newsfigures::analysis::metrics::compute(&story.ledger).unwrap();
    let m = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let findings =
        newsfigures::analysis::checks::run(&story.ledger, &metrics, &story.file.hedges).unwrap();
    let c = t.elapsed().as_secs_f64();
    println!(
        "{} {} {} {load:.3} {m:.3} {c:.3} {:.0}",
        story.ledger.figures.len(),
        metrics.len(),
        findings.len(),
        max_rss_mb()
    );
}

/// The fixture's text repeated, paragraph after paragraph, to at least
/// `mb` megabytes.
fn text_of(mb: usize) -> String {
    let paragraph = std::fs::read_to_string(fixture().join("source.txt")).unwrap();
    let mut text = String::new();
    while text.len() < mb * 1_000_000 {
        text.push_str(&paragraph);
        text.push_str("\n\n");
    }
    text
}

/// In the child: audit a text of about `mb` megabytes whose every number
/// is a figure.
fn child_text(dir: &Path, mb: usize) {
    let text = text_of(mb);
    let t = Instant::now();
    let story = newsfigures::Story::load(dir).unwrap();
    let source = &story.ledger.sources[0];
    let (paragraphs, mentions, problems) =
        newsfigures::analysis::audit::numbers(&story.ledger, source, &text);
    println!(
        "{} {paragraphs} {} {} {:.3} {:.0}",
        text.len(),
        mentions.len(),
        problems.len(),
        t.elapsed().as_secs_f64(),
        max_rss_mb()
    );
}

fn run_child(args: &[&str]) -> String {
    let out = Command::new(std::env::current_exe().unwrap())
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if args.first().map(String::as_str) == Some("--child-ledger") {
        return child_ledger(Path::new(&args[1]));
    }
    if args.first().map(String::as_str) == Some("--child-text") {
        return child_text(Path::new(&args[1]), args[2].parse().unwrap());
    }
    let sizes: Vec<usize> = if args.is_empty() {
        vec![10_000, 100_000]
    } else {
        args.iter().filter_map(|a| a.parse().ok()).collect()
    };
    let tmp = tempfile::tempdir().unwrap();
    println!(
        "figures    metrics  relations   load s  metrics s  checks s  total s   peak MB  µs/figure"
    );
    let mut totals = Vec::new();
    for n in sizes {
        let dir = tmp.path().join(format!("n{n}"));
        synthetic(&dir, n);
        let line = run_child(&["--child-ledger", dir.to_str().unwrap()]);
        let v: Vec<f64> = line
            .split_whitespace()
            .map(|x| x.parse().unwrap())
            .collect();
        let total = v[3] + v[4] + v[5];
        println!(
            "{:>9}  {:>7}  {:>9}  {:>7.3}  {:>9.3}  {:>8.3}  {:>7.3}  {:>8.0}  {:>9.2}",
            v[0],
            v[1],
            v[2],
            v[3],
            v[4],
            v[5],
            total,
            v[6],
            total * 1e6 / v[0]
        );
        totals.push((n, total));
        std::fs::remove_dir_all(&dir).unwrap();
    }
    for pair in totals.windows(2) {
        let ((a, ta), (b, tb)) = (pair[0], pair[1]);
        println!(
            "{b} figures take {:.1} times the time of {a} (linear: {:.0})",
            tb / ta,
            b as f64 / a as f64
        );
    }
    if !args.is_empty() {
        return;
    }
    // A 10 MB text, every number a figure drafted from it.
    let dir = tmp.path().join("text");
    synthetic(&dir, 0);
    let story = newsfigures::Story::load(&dir).unwrap();
    let source = story.ledger.sources[0].clone();
    let text = text_of(10);
    let paragraphs = newsfigures::analysis::audit::paragraphs(&text);
    let drafted = newsfigures::draft::draft(&source, &paragraphs, &Default::default());
    std::fs::write(dir.join("figures.csv"), drafted.figures_csv(true)).unwrap();
    std::fs::write(dir.join("relations.csv"), drafted.relations_csv(true)).unwrap();
    std::fs::write(dir.join("metrics.csv"), drafted.metrics_csv(true)).unwrap();
    std::fs::write(dir.join("exclusions.csv"), drafted.exclusions_csv(true)).unwrap();
    let line = run_child(&["--child-text", dir.to_str().unwrap(), "10"]);
    let v: Vec<f64> = line
        .split_whitespace()
        .map(|x| x.parse().unwrap())
        .collect();
    println!(
        "\ntext: {:.1} MB, {} paragraphs, {} numbers, {} problems: loaded and audited in {:.3} s, peak {:.0} MB",
        v[0] / 1e6,
        v[1],
        v[2],
        v[3],
        v[4],
        v[5]
    );

    // An archive of 1,000 small stories: built, then rebuilt with nothing changed.
    let desk = tmp.path().join("desk");
    for i in 0..1000 {
        let s = desk.join(format!("story-{i:04}"));
        std::fs::create_dir_all(&s).unwrap();
        for e in std::fs::read_dir(fixture()).unwrap().flatten() {
            if e.path().is_file() {
                std::fs::copy(e.path(), s.join(e.file_name())).unwrap();
            }
        }
    }
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let t = Instant::now();
    let summary = newsfigures::build::archive(&desk, threads, false).unwrap();
    let full = t.elapsed().as_secs_f64();
    assert_eq!(summary.built(), 1000);
    let t = Instant::now();
    let again = newsfigures::build::archive(&desk, threads, false).unwrap();
    let noop = t.elapsed().as_secs_f64();
    assert_eq!(again.up_to_date(), 1000);
    println!(
        "archive: 1,000 stories built in {full:.1} s on {threads} threads ({:.1} ms a story); rebuilt with nothing changed in {noop:.3} s ({:.2} ms a story)",
        full, noop
    );
}
