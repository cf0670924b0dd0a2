//! Every platform freehold reads, in one list.

use freehold_archive::Platform;

/// The platforms, in the order they are listed (and tried when two are equally sure).
static PLATFORMS: [&dyn Platform; 4] = [
    &freehold_twitter::Twitter,
    &freehold_facebook::Facebook,
    &freehold_linkedin::LinkedIn,
    &freehold_hyves::Hyves,
];

/// Every platform freehold reads: Twitter/X, Facebook, LinkedIn and Hyves. The command,
/// the tests, the fuzz targets and the benchmarks all take the list from here.
///
/// ```
/// let names: Vec<&str> = freehold::platforms().iter().map(|p| p.name()).collect();
/// assert_eq!(names, ["twitter", "facebook", "linkedin", "hyves"]);
/// ```
pub fn platforms() -> &'static [&'static dyn Platform] {
    &PLATFORMS
}

/// The platform of that name (`twitter`, `facebook`, `linkedin`, `hyves`).
///
/// ```
/// assert_eq!(freehold::platform("linkedin").map(|p| p.name()), Some("linkedin"));
/// assert!(freehold::platform("myspace").is_none());
/// ```
pub fn platform(name: &str) -> Option<&'static dyn Platform> {
    PLATFORMS.iter().copied().find(|p| p.name() == name)
}
