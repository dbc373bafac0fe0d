//! The whole build of a story in-process: load the folder, analyse, draw,
//! render every PNG, write the tables, report and data package, and swap
//! the folder in; and the no-op rebuild of an unchanged story.
//!
//!     cargo bench --bench build
//!
//! Targets: the full build of data/ well under 100 ms on a 2-core machine;
//! a rebuild whose inputs are unchanged within 10 ms.

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use newsfigures::{Options, Story, build};

fn whole_build(c: &mut Criterion) {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("output");
    let data = Path::new("data");
    let mut group = c.benchmark_group("build");
    group.sample_size(30);
    group.bench_function("outputs_in_memory", |b| {
        b.iter(|| {
            let story = Story::load(data).unwrap();
            build::outputs(&story, &Options::default()).unwrap()
        })
    });
    group.bench_function("outputs_written_atomically", |b| {
        b.iter(|| {
            let story = Story::load(data).unwrap();
            let built = build::outputs(&story, &Options::default()).unwrap();
            build::write_atomically(&target, &built.files).unwrap();
        })
    });
    group.bench_function("unchanged_inputs_recognised", |b| {
        b.iter(|| assert!(build::up_to_date(&target, data)))
    });
    group.bench_function("charts_png_only", |b| {
        let story = Story::load(data).unwrap();
        let analysis = newsfigures::Analysis::new(&story, &Options::default()).unwrap();
        let charts: Vec<_> = analysis.charts.iter().map(|p| p.draw().unwrap()).collect();
        b.iter(|| charts.iter().map(|c| c.png().unwrap().len()).sum::<usize>())
    });
    group.finish();
}

criterion_group!(benches, whole_build);
criterion_main!(benches);
