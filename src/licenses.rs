//! The data licences a story may publish under, with the titles and
//! addresses the data package gives for them.

/// SPDX id, title and address of each licence a story may name.
pub const KNOWN: [(&str, &str, &str); 5] = [
    (
        "CC-BY-4.0",
        "Creative Commons Attribution 4.0",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    (
        "CC-BY-SA-4.0",
        "Creative Commons Attribution-ShareAlike 4.0",
        "https://creativecommons.org/licenses/by-sa/4.0/",
    ),
    (
        "CC0-1.0",
        "Creative Commons Zero v1.0 Universal",
        "https://creativecommons.org/publicdomain/zero/1.0/",
    ),
    (
        "ODC-BY-1.0",
        "Open Data Commons Attribution License v1.0",
        "https://opendatacommons.org/licenses/by/1-0/",
    ),
    (
        "ODbL-1.0",
        "Open Data Commons Open Database License v1.0",
        "https://opendatacommons.org/licenses/odbl/1-0/",
    ),
];

/// True for a licence in [`KNOWN`].
pub fn is_known(id: &str) -> bool {
    KNOWN.iter().any(|(k, _, _)| *k == id)
}

/// The title and address of a known licence.
pub fn describe(id: &str) -> Option<(&'static str, &'static str)> {
    KNOWN
        .iter()
        .find(|(k, _, _)| *k == id)
        .map(|(_, t, u)| (*t, *u))
}
