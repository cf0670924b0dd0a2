//! What the LinkedIn readers carry from file to file: the people met so far and the
//! owner's phone numbers.

use crate::people::People;

/// What is carried from file to file.
#[derive(Debug, Default)]
pub(crate) struct State {
    pub people: People,
    /// The owner's phone numbers met so far: digits (see `phone_digits` in the profile
    /// module) → the number as first written, so that `PhoneNumbers.csv` and `Whatsapp
    /// Phone Numbers.csv` give one row per number.
    pub phones: std::collections::HashMap<String, String>,
}
