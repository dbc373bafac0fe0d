//! Renders chart SVGs to PNG exactly as a build renders its wide charts
//! (resvg at twice the size, on white), for checks that need a PNG of a
//! layout the build publishes only as SVG (the narrow one):
//!
//!     cargo run --example svg_png -- OUT_DIR FILE.svg [FILE.svg ...]
//!
//! writes OUT_DIR/FILE.png for each. `.ci/clients.sh` uses it so that
//! `.ci/browser/compare.mjs` can hold Chromium's drawing of every narrow
//! chart to the renderer's, as it does the wide ones.

use std::path::PathBuf;

use anyhow::{Context, bail};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args_os().skip(1).map(PathBuf::from);
    let Some(out) = args.next() else {
        bail!("usage: svg_png OUT_DIR FILE.svg [FILE.svg ...]");
    };
    std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
    let mut done = 0;
    for svg in args {
        let text =
            std::fs::read_to_string(&svg).with_context(|| format!("reading {}", svg.display()))?;
        let png = newsfigures::charts::render_png(&text, 2.0)
            .map_err(|e| anyhow::anyhow!("{}: {e}", svg.display()))?;
        let name = svg.with_extension("png");
        let name = name.file_name().context("a file name")?;
        std::fs::write(out.join(name), png)?;
        done += 1;
    }
    if done == 0 {
        bail!("no SVG given");
    }
    println!("svg_png: {done} PNGs in {}", out.display());
    Ok(())
}
