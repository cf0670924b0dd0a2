//! Multi-zip exports: Facebook splits a large download into several zips that belong
//! together.

/// The export a zip belongs to, from its file name: `facebook-<user>-<YYYY-MM-DD>-…`
/// gives `facebook-<user>-<YYYY>-<MM>-<DD>`, shared by every part of one download.
///
/// ```
/// use freehold_facebook::export_key;
/// assert_eq!(
///     export_key("facebook-jdoe-2025-09-01-AbCd.zip").as_deref(),
///     Some("facebook-jdoe-2025-09-01")
/// );
/// assert_eq!(export_key("facebook-jdoe-2025-09-01-EfGh-2.zip"), export_key("facebook-jdoe-2025-09-01-AbCd.zip"));
/// assert_eq!(export_key("twitter-2025-09-01-abc.zip"), None);
/// ```
pub fn export_key(file_name: &str) -> Option<String> {
    let name = file_name.to_lowercase();
    let name = name.strip_suffix(".zip").unwrap_or(&name);
    let parts: Vec<&str> = name.split('-').collect();
    let is_date = parts.len() >= 5
        && [(2, 4), (3, 2), (4, 2)]
            .iter()
            .all(|&(i, n)| parts[i].len() == n && parts[i].bytes().all(|b| b.is_ascii_digit()));
    (parts[0] == "facebook" && is_date).then(|| parts[..5].join("-"))
}

/// The archives in import order, with the parts of one multi-zip export together: names
/// `facebook-<user>-<YYYY-MM-DD>-…` with the same user and date (see [`export_key`]),
/// grouped when `one_export` says the parts together are one Facebook export. Every
/// other path is imported alone.
///
/// ```
/// use std::path::{Path, PathBuf};
/// use freehold_facebook::group_parts;
///
/// let paths: Vec<PathBuf> = ["facebook-ada-2025-01-02-a.zip", "x.zip", "facebook-ada-2025-01-02-b.zip"]
///     .iter().map(PathBuf::from).collect();
/// let groups = group_parts(&paths, |parts: &[&Path]| parts.len() == 2);
/// assert_eq!(groups, [vec![paths[0].clone(), paths[2].clone()], vec![paths[1].clone()]]);
/// ```
pub fn group_parts(
    paths: &[std::path::PathBuf],
    one_export: impl Fn(&[&std::path::Path]) -> bool,
) -> Vec<Vec<std::path::PathBuf>> {
    let key = |path: &std::path::Path| {
        path.file_name()
            .and_then(|n| export_key(&n.to_string_lossy()))
    };
    let mut groups: Vec<(Option<String>, Vec<std::path::PathBuf>)> = Vec::new();
    for path in paths {
        let k = key(path);
        match groups.iter_mut().find(|(g, _)| k.is_some() && *g == k) {
            Some((_, members)) => members.push(path.clone()),
            None => groups.push((k, vec![path.clone()])),
        }
    }
    let mut out = Vec::new();
    for (_, members) in groups {
        let together = members.len() > 1 && {
            let parts: Vec<&std::path::Path> = members.iter().map(|p| p.as_path()).collect();
            one_export(&parts)
        };
        if together {
            out.push(members);
        } else {
            out.extend(members.into_iter().map(|p| vec![p]));
        }
    }
    out
}
