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
