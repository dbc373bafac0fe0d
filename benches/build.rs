//! The whole build in-process: load the ledger, compute, draw, render every
//! PNG, write the report and the data package, and swap the folder in.
//!
//!     cargo bench --bench build
//!
//! Target: the full build in at most 100 ms on a 2-core machine.

use criterion::{criterion_group, criterion_main, Criterion};
use newsfigures::{build, Ledger};

fn whole_build(c: &mut Criterion) {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("output");
    let mut group = c.benchmark_group("build");
    group.sample_size(30);
    group.bench_function("outputs_in_memory", |b| {
        b.iter(|| {
            let ledger = Ledger::load("data").unwrap();
            build::outputs(&ledger, None).unwrap()
        })
    });
    group.bench_function("outputs_written_atomically", |b| {
        b.iter(|| {
            let ledger = Ledger::load("data").unwrap();
            let built = build::outputs(&ledger, None).unwrap();
            build::write_atomically(&target, &built.files).unwrap();
        })
    });
    group.bench_function("charts_png_only", |b| {
        let ledger = Ledger::load("data").unwrap();
        let charts = newsfigures::charts::all(&ledger).unwrap();
        b.iter(|| charts.iter().map(|c| c.png().unwrap().len()).sum::<usize>())
    });
    group.finish();
}

criterion_group!(benches, whole_build);
criterion_main!(benches);
