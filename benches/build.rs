//! The whole build of a story in-process, as `newsfigures build --force`
//! runs it: load the folder, analyse, draw, render every PNG, write the
//! tables, report and data package, and swap the folder in; and the no-op
//! rebuild of an unchanged story. The figures measured are in the
//! README's "Speed".
//!
//!     cargo bench --bench build

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
    let force = build::BuildOptions {
        force: true,
        ..Default::default()
    };
    group.bench_function("outputs_written_atomically", |b| {
        b.iter(|| build::build_story(data, &target, &force).unwrap())
    });
    group.bench_function("unchanged_inputs_recognised", |b| {
        b.iter(|| {
            let outcome = build::build_story(data, &target, &Default::default()).unwrap();
            assert!(matches!(outcome, build::Outcome::UpToDate));
        })
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
