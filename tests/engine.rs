//! The engine knows no story: nothing of the shipped story is in `src/`.

use crate::common::{data, root};

/// Every file under `src/`, with its text.
fn sources() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![root().join("src")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push((
                    p.display().to_string(),
                    std::fs::read_to_string(&p).unwrap(),
                ));
            }
        }
    }
    out
}

#[test]
fn src_names_nothing_of_the_shipped_story() {
    let story = newsfigures::Story::load(data()).unwrap();
    let mut words: Vec<String> = [
        "Islamabad",
        "FIA",
        "Balochistan",
        "Facebook",
        "TikTok",
        "Instagram",
        "PTA",
        "terrorist",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // Every id of the story: figures, metrics, relations, sources, charts.
    let ledger = &story.ledger;
    words.extend(ledger.figures.iter().map(|f| f.id.to_string()));
    words.extend(
        ledger
            .metrics
            .iter()
            .filter(|m| !m.derived)
            .map(|m| m.id.to_string()),
    );
    words.extend(ledger.relations.iter().map(|r| r.id.to_string()));
    words.extend(ledger.sources.iter().map(|s| s.id.clone()));
    words.extend(story.file.charts.iter().map(|c| c.id.clone()));
    // An id that is a plain English word ("operations") is not the story's.
    words.retain(|w| w.contains('_') || w.chars().any(|c| c.is_uppercase()) || w == "terrorist");
    let files = sources();
    assert!(files.len() > 20);
    for (path, text) in &files {
        let lower = text.to_lowercase();
        for w in &words {
            // Whole words only: "operations" may appear in "operations_per_x" docs.
            let w_lower = w.to_lowercase();
            let hit = lower.match_indices(&w_lower).any(|(i, _)| {
                let before = lower[..i].chars().next_back();
                let after = lower[i + w_lower.len()..].chars().next();
                let id_char = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
                !id_char(before) && !id_char(after)
            });
            assert!(
                !hit,
                "{path} names {w:?}, which belongs to the shipped story"
            );
        }
    }
}
